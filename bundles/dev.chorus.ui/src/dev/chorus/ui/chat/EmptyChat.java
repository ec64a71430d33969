package dev.chorus.ui.chat;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.ui.agents.AgentImages;

/**
 * What an empty chat shows: its agent's avatar and name, what is missing before the agent can
 * answer (if anything), and the other agents to chat with instead.
 */
final class EmptyChat {

	private EmptyChat() {
	}

	/** @param rehome moves the chat to the agent of that id */
	static void build(Composite area, AgentProfile agent, String agentName, String agentId, Consumer<String> rehome) {
		GridLayoutFactory.fillDefaults().margins(0, 24).spacing(8, 10).applyTo(area);
		Label avatar = new Label(area, SWT.NONE);
		if (agent != null) {
			avatar.setImage(AgentImages.get().avatar(agent, 64));
		}
		GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).grab(true, false).applyTo(avatar);
		Label title = new Label(area, SWT.CENTER | SWT.WRAP);
		title.setText(NLS.bind(Messages.Chat_EmptyTitle, agentName));
		title.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		dev.chorus.ui.discovery.EmptyChatHint.addTo(area, agent);
		List<AgentProfile> others = ChorusCore.getDefault().agents().list().stream().filter(other -> !other.id().equals(agentId)).toList();
		if (others.isEmpty()) {
			return;
		}
		Label hint = new Label(area, SWT.CENTER);
		hint.setText(Messages.Chat_EmptyOther);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
		Composite choices = new Composite(area, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(Math.min(4, others.size()) * 2).spacing(6, 6).applyTo(choices);
		GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).grab(true, false).applyTo(choices);
		for (AgentProfile other : others) {
			Label image = new Label(choices, SWT.NONE);
			image.setImage(AgentImages.get().avatar(other, 20));
			Link link = new Link(choices, SWT.NONE);
			link.setText("<a>" + other.displayName().replace("&", "&&") + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			link.addListener(SWT.Selection, event -> rehome.accept(other.id()));
		}
	}
}
