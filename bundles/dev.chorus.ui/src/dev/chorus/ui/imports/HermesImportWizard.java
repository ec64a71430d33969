package dev.chorus.ui.imports;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.statushandlers.StatusManager;

import dev.chorus.core.ChorusCore;
import dev.chorus.discovery.hermes.HermesImport;
import dev.chorus.discovery.hermes.HermesProfile;
import dev.chorus.discovery.hermes.ImportReport;

/**
 * File > Import > Chorus > Hermes Agents and Sessions: the profiles of the Hermes folder, chosen
 * on one page, imported with the wizard's progress bar (cancellable between sessions), then a
 * report of what was imported and what could not be.
 */
public class HermesImportWizard extends Wizard implements IImportWizard {

	public static final String ID = "dev.chorus.ui.imports.hermes"; //$NON-NLS-1$

	private HermesProfilesPage page;
	private ImportReport report;

	public HermesImportWizard() {
		setWindowTitle(Messages.Wizard_Title);
		setNeedsProgressMonitor(true);
	}

	@Override
	public void init(IWorkbench workbench, IStructuredSelection selection) {
		// Nothing of the selection matters: the Hermes folder is its own.
	}

	@Override
	public void addPages() {
		page = new HermesProfilesPage();
		addPage(page);
	}

	/** The page, for tests. */
	public HermesProfilesPage getProfilesPage() {
		return page;
	}

	/** What the last import did, for tests. */
	public ImportReport getReport() {
		return report;
	}

	@Override
	public boolean performFinish() {
		List<HermesProfile> chosen = page.getChosen();
		ChorusCore core = ChorusCore.getDefault();
		HermesImport operation = new HermesImport(core.agents(), core.sessions(), core.secrets());
		try {
			getContainer().run(true, true, monitor -> report = operation.run(chosen, monitor));
		} catch (InvocationTargetException e) {
			StatusManager.getManager().handle(Status.error(Messages.Report_Title, e.getCause()), StatusManager.SHOW | StatusManager.LOG);
			return false;
		} catch (InterruptedException e) {
			return false;
		}
		if (report.isComplete()) {
			MessageDialog.openInformation(getShell(), Messages.Report_Title, NLS.bind(Messages.Report_Done, report.describe()));
		} else {
			MessageDialog.openWarning(getShell(), Messages.Report_Title, NLS.bind(Messages.Report_Partial, report.describe()));
		}
		return true;
	}
}
