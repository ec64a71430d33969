package dev.chorus.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;

/**
 * The backends contributed to the extension point {@value #EXTENSION_POINT}, one shared instance
 * each, created when first asked for; plus those registered in code (tests). A contribution that
 * fails to load is logged and left out.
 */
public final class BackendRegistry {

	public static final String EXTENSION_POINT = "dev.chorus.core.backends"; //$NON-NLS-1$

	private final Map<String, BackendDescriptor> registered = new ConcurrentHashMap<>();
	private volatile List<BackendDescriptor> contributed;
	private final boolean readExtensions;

	/** A registry of the contributed backends. */
	public BackendRegistry() {
		this(true);
	}

	/** A registry that reads the extension registry or, for tests, only what is registered in code. */
	public BackendRegistry(boolean readExtensions) {
		this.readExtensions = readExtensions;
	}

	public void register(String id, String name, String description, IAgentBackend backend) {
		registered.put(id, new BackendDescriptor(id, name, description, backend));
	}

	public List<BackendDescriptor> list() {
		List<BackendDescriptor> all = new ArrayList<>(contributed());
		for (BackendDescriptor descriptor : registered.values()) {
			all.removeIf(other -> other.id().equals(descriptor.id()));
			all.add(descriptor);
		}
		// By name, as users see them: the registry's own order changes with the install order.
		all.sort(java.util.Comparator.comparing(BackendDescriptor::name, String.CASE_INSENSITIVE_ORDER));
		return all;
	}

	public Optional<BackendDescriptor> get(String id) {
		BackendDescriptor descriptor = registered.get(id);
		if (descriptor != null) {
			return Optional.of(descriptor);
		}
		return contributed().stream().filter(d -> d.id().equals(id)).findFirst();
	}

	private List<BackendDescriptor> contributed() {
		List<BackendDescriptor> result = contributed;
		if (result == null) {
			synchronized (this) {
				if (contributed == null) {
					contributed = readContributions();
				}
				result = contributed;
			}
		}
		return result;
	}

	private List<BackendDescriptor> readContributions() {
		IExtensionRegistry extensions = readExtensions ? RegistryFactory.getRegistry() : null;
		if (extensions == null) {
			return List.of();
		}
		List<BackendDescriptor> found = new ArrayList<>();
		for (IConfigurationElement element : extensions.getConfigurationElementsFor(EXTENSION_POINT)) {
			String id = element.getAttribute("id"); //$NON-NLS-1$
			try {
				IAgentBackend backend = (IAgentBackend) element.createExecutableExtension("class"); //$NON-NLS-1$
				String description = element.getAttribute("description"); //$NON-NLS-1$
				found.add(new BackendDescriptor(id, element.getAttribute("name"), description == null ? "" : description, //$NON-NLS-1$ //$NON-NLS-2$
						backend));
			} catch (CoreException | ClassCastException e) {
				ILog.of(BackendRegistry.class).log(new Status(IStatus.ERROR, element.getContributor().getName(),
						NLS.bind(CoreMessages.Backend_LoadFailed, id), e));
			}
		}
		return List.copyOf(found);
	}
}
