package dev.chorus.ide;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.ui.IStartup;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.runs.IRunRegistryListener;
import dev.chorus.core.runs.Run;

/**
 * Files agents change show at once in the workspace: each changed file that lies in a project is
 * refreshed, in one job per burst of changes, so that its editors, markers and builders see it.
 */
public class WorkspaceRefresher implements IStartup, IRunRegistryListener {

	/** The family of the refresh jobs, for tests to join. */
	public static final Object FAMILY = WorkspaceRefresher.class;

	private final Set<Path> changed = ConcurrentHashMap.newKeySet();
	private final WorkspaceJob job = new WorkspaceJob(Messages.Refresh_Job) {
		@Override
		public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
			Set<Path> files = Set.copyOf(changed);
			changed.removeAll(files);
			SubMonitor progress = SubMonitor.convert(monitor, files.size());
			for (Path file : files) {
				for (IFile resource : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toUri())) {
					// A new file's folder may be new too.
					IResource known = resource.exists() ? resource : resource.getParent();
					known.refreshLocal(resource.exists() ? IResource.DEPTH_ZERO : IResource.DEPTH_INFINITE, progress.split(1));
				}
			}
			return Status.OK_STATUS;
		}

		@Override
		public boolean belongsTo(Object family) {
			return family == FAMILY;
		}
	};

	public WorkspaceRefresher() {
		job.setSystem(true);
		job.setRule(ResourcesPlugin.getWorkspace().getRoot());
	}

	@Override
	public void earlyStartup() {
		ChorusCore.getDefault().runs().addRegistryListener(this);
	}

	@Override
	public void fileChanged(Run run, Path file) {
		changed.add(file.toAbsolutePath().normalize());
		job.schedule(100);
	}
}
