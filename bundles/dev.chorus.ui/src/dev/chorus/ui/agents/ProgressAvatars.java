package dev.chorus.ui.agents;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.progress.IProgressConstants;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.RunTurnJob;

/**
 * Gives every agent turn its agent's avatar in the Progress view, so that a glance tells which
 * agent is answering. The platform reads the icon from the job's {@link IProgressConstants#ICON_PROPERTY}.
 */
public final class ProgressAvatars extends JobChangeAdapter {

	private static final int SIZE = 16;

	@Override
	public void scheduled(IJobChangeEvent event) {
		if (!(event.getJob() instanceof RunTurnJob turn) || !PlatformUI.isWorkbenchRunning()) {
			return;
		}
		Display display = PlatformUI.getWorkbench().getDisplay();
		if (Display.getCurrent() == display) {
			setIcon(turn);
		} else {
			display.asyncExec(() -> setIcon(turn));
		}
	}

	private static void setIcon(Job turn) {
		String agentId = ((RunTurnJob) turn).getRun().getAgentId();
		AgentProfile agent = ChorusCore.getDefault().agents().get(agentId).orElse(null);
		if (agent == null) {
			return;
		}
		ImageData data = AgentImages.get().avatar(agent, SIZE).getImageData();
		turn.setProperty(IProgressConstants.ICON_PROPERTY, ImageDescriptor.createFromImageDataProvider(zoom -> zoom == 100 ? data : null));
	}
}
