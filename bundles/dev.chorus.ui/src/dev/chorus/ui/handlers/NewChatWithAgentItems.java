package dev.chorus.ui.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.PlatformUI;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.ui.agents.AgentImages;

/** "New Chat with ..." for every agent, with its avatar. */
public class NewChatWithAgentItems extends CompoundContributionItem {

	@Override
	protected IContributionItem[] getContributionItems() {
		List<IContributionItem> items = new ArrayList<>();
		for (AgentProfile agent : ChorusCore.getDefault().agents().list()) {
			CommandContributionItemParameter parameter = new CommandContributionItemParameter(
					PlatformUI.getWorkbench(), "dev.chorus.ui.menus.newChatWith." + agent.id(), //$NON-NLS-1$
					NewChatHandler.COMMAND_ID, CommandContributionItem.STYLE_PUSH);
			parameter.label = NLS.bind(Messages.NewChatWith, agent.displayName().replace("&", "&&")); //$NON-NLS-1$ //$NON-NLS-2$
			parameter.parameters = Map.of(NewChatHandler.AGENT_PARAMETER, agent.id());
			parameter.icon = ImageDescriptor.createFromImage(AgentImages.get().avatar(agent, 16));
			items.add(new CommandContributionItem(parameter));
		}
		return items.toArray(IContributionItem[]::new);
	}
}
