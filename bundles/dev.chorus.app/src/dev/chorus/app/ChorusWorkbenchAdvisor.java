package dev.chorus.app;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import dev.chorus.core.ChorusCore;
import dev.chorus.ui.ChorusPerspective;
import dev.chorus.ui.chat.EditorAreaKeeper;

/**
 * The Chorus product's workbench: opens in the Chorus perspective, remembers the window layout,
 * and stops every run when the workbench shuts down.
 */
public class ChorusWorkbenchAdvisor extends WorkbenchAdvisor {

	@Override
	public void initialize(IWorkbenchConfigurer configurer) {
		super.initialize(configurer);
		configurer.setSaveAndRestore(true);
	}

	@Override
	public String getInitialWindowPerspectiveId() {
		return ChorusPerspective.ID;
	}

	@Override
	public void postStartup() {
		super.postStartup();
		ChorusCore.getDefault().agents().ensureDefaultAgent();
		IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
		if (window != null) {
			EditorAreaKeeper.install(window);
		}
		StartupReport.whenReady(getWorkbenchConfigurer().getWorkbench());
		dev.chorus.ui.discovery.FirstStartOffer.schedule(getWorkbenchConfigurer().getWorkbench());
	}

	@Override
	public boolean preShutdown() {
		long answering = ChorusCore.getDefault().runs().list().stream().filter(run -> run.isGenerating()).count();
		IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
		if (answering > 0 && window != null && !MessageDialog.openConfirm(window.getShell(), Messages.Exit_Title,
				NLS.bind(Messages.Exit_RunsAnswering, answering))) {
			return false;
		}
		// Closing editors closes their runs; stop everything first so shutdown is quick and clean.
		ChorusCore.getDefault().shutdown();
		return super.preShutdown();
	}

	@Override
	public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		return new ChorusWorkbenchWindowAdvisor(configurer);
	}

}
