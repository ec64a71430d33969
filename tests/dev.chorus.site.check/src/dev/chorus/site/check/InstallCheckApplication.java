package dev.chorus.site.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/**
 * Runs inside an Eclipse installation into which the Chorus feature was installed from the update
 * site, and checks what a user of that installation would rely on: each Chorus bundle is there,
 * resolves and starts, and the Chorus contributions reach the extension registry. Prints one line
 * per check and exits with 0 only when all pass.
 *
 * <p>
 * Arguments: {@code -bundles id,id,...} the bundles that must be installed and start.
 */
public class InstallCheckApplication implements IApplication {

	private static final Map<String, String> CONTRIBUTIONS = Map.of(
			"org.eclipse.ui.views", "dev.chorus.ui.views.sessions", //$NON-NLS-1$ //$NON-NLS-2$
			"org.eclipse.ui.perspectives", "dev.chorus.ui.perspective", //$NON-NLS-1$ //$NON-NLS-2$
			"dev.chorus.core.backends", "dev.chorus.backend.openai", //$NON-NLS-1$ //$NON-NLS-2$
			"org.eclipse.ui.propertyPages", "dev.chorus.ide.projectPropertyPage"); //$NON-NLS-1$ //$NON-NLS-2$

	private final List<String> failures = new ArrayList<>();

	@Override
	public Object start(IApplicationContext context) {
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		List<String> bundles = new ArrayList<>();
		for (int i = 0; i < args.length - 1; i++) {
			if ("-bundles".equals(args[i])) { //$NON-NLS-1$
				bundles.addAll(List.of(args[i + 1].split(","))); //$NON-NLS-1$
			}
		}
		if (bundles.isEmpty()) {
			fail("no bundles named with -bundles"); //$NON-NLS-1$
		}
		for (String id : bundles) {
			checkBundle(id);
		}
		checkContributions();
		System.out.println(failures.isEmpty() ? "INSTALL CHECK PASSED" : "INSTALL CHECK FAILED: " + failures); //$NON-NLS-1$ //$NON-NLS-2$
		return failures.isEmpty() ? EXIT_OK : Integer.valueOf(1);
	}

	private void checkBundle(String id) {
		Bundle bundle = Platform.getBundle(id);
		if (bundle == null) {
			fail(id + " is not installed"); //$NON-NLS-1$
			return;
		}
		if (bundle.getState() == Bundle.INSTALLED) {
			fail(id + " did not resolve"); //$NON-NLS-1$
			return;
		}
		try {
			bundle.start(Bundle.START_TRANSIENT);
		} catch (Exception e) {
			fail(id + " failed to start: " + e); //$NON-NLS-1$
			return;
		}
		boolean active = bundle.getState() == Bundle.ACTIVE;
		System.out.println("bundle " + id + " " + bundle.getVersion() + (active ? " ACTIVE" : " NOT ACTIVE")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		if (!active) {
			fail(id + " is not active after start"); //$NON-NLS-1$
		}
	}

	private void checkContributions() {
		IExtensionRegistry registry = Platform.getExtensionRegistry();
		CONTRIBUTIONS.forEach((point, id) -> {
			boolean found = false;
			for (IConfigurationElement element : registry.getConfigurationElementsFor(point)) {
				found |= id.equals(element.getAttribute("id")); //$NON-NLS-1$
			}
			System.out.println("contribution " + point + " " + id + (found ? " present" : " MISSING")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			if (!found) {
				fail(id + " is not contributed to " + point); //$NON-NLS-1$
			}
		});
	}

	private void fail(String message) {
		failures.add(message);
		System.out.println("FAIL " + message); //$NON-NLS-1$
	}

	@Override
	public void stop() {
		// Ends by itself once the checks ran.
	}

}
