package dev.chorus.ui.agents;

import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.IAgentListener;
import dev.chorus.ui.chat.Chats;

/**
 * The agent switcher in the main toolbar: the active agent's avatar, ringed by a slowly pulsing
 * green outline, and its name; a click opens a menu of every agent. New Chat talks to the agent
 * chosen here.
 */
public class AgentSwitcherContribution extends WorkbenchWindowControlContribution {

	private static final int AVATAR = 20;
	private static final int RING = 3;
	/** One pulse of the active ring, as in the desktop app. */
	private static final int PULSE_MILLIS = 2800;
	private static final int PULSE_STEP_MILLIS = 100;
	/** The room for the agent's name; wider names are cut with an ellipsis. */
	private static final int NAME_WIDTH = 130;

	private Canvas avatar;
	private Label name;
	private long pulseStart = System.currentTimeMillis();
	private final Consumer<String> activeListener = id -> asyncUpdate();
	private final IAgentListener agentListener = IAgentListener.onAnyChange(this::asyncUpdate);

	public AgentSwitcherContribution() {
		super("dev.chorus.ui.toolbars.agentSwitcher"); //$NON-NLS-1$
	}

	@Override
	protected Control createControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 0).spacing(6, 0).applyTo(root);
		avatar = new Canvas(root, SWT.DOUBLE_BUFFERED);
		GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).hint(AVATAR + 2 * RING, AVATAR + 2 * RING).applyTo(avatar);
		avatar.addPaintListener(event -> paintAvatar(event.gc));
		name = new Label(root, SWT.NONE);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(name);
		root.setToolTipText(Messages.Switcher_Tooltip);
		avatar.setToolTipText(Messages.Switcher_Tooltip);
		name.setToolTipText(Messages.Switcher_Tooltip);
		for (Control control : new Control[] { root, avatar, name }) {
			control.addListener(SWT.MouseDown, event -> showMenu(root));
			control.setCursor(root.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
		}
		ActiveAgent.get().addListener(activeListener);
		ChorusCore.getDefault().agents().addListener(agentListener);
		root.addListener(SWT.Dispose, event -> {
			ActiveAgent.get().removeListener(activeListener);
			ChorusCore.getDefault().agents().removeListener(agentListener);
		});
		refresh();
		pulse();
		return root;
	}

	private void pulse() {
		avatar.getDisplay().timerExec(PULSE_STEP_MILLIS, () -> {
			if (!avatar.isDisposed()) {
				avatar.redraw();
				pulse();
			}
		});
	}

	private void paintAvatar(GC gc) {
		AgentProfile agent = activeAgent();
		if (agent == null) {
			return;
		}
		gc.setAntialias(SWT.ON);
		double phase = ((System.currentTimeMillis() - pulseStart) % PULSE_MILLIS) / (double) PULSE_MILLIS;
		int alpha = (int) (110 + 145 * (0.5 + 0.5 * Math.cos(2 * Math.PI * phase)));
		Color green = new Color(gc.getDevice(), new RGB(0x2E, 0xCC, 0x71));
		gc.setForeground(green);
		gc.setLineWidth(2);
		gc.setAlpha(alpha);
		gc.drawOval(1, 1, AVATAR + 2 * RING - 3, AVATAR + 2 * RING - 3);
		gc.setAlpha(255);
		green.dispose();
		gc.drawImage(AgentImages.get().avatar(agent, AVATAR), RING, RING);
	}

	private AgentProfile activeAgent() {
		return ChorusCore.getDefault().agents().get(ActiveAgent.get().getId()).orElse(null);
	}

	private void asyncUpdate() {
		if (name != null && !name.isDisposed()) {
			name.getDisplay().asyncExec(this::refresh);
		}
	}

	private void refresh() {
		if (name == null || name.isDisposed()) {
			return;
		}
		AgentProfile agent = activeAgent();
		name.setText(agent == null ? "" : fit(agent.displayName(), NAME_WIDTH)); //$NON-NLS-1$
		avatar.redraw();
		name.getParent().layout(true);
	}

	/**
	 * A fixed width, the same for every agent: the toolbar does not jump when the user switches
	 * agents, and longer names are cut with an ellipsis (the menu shows them whole).
	 */
	@Override
	protected int computeWidth(Control control) {
		return AVATAR + 2 * RING + 6 + 8 + NAME_WIDTH + 4;
	}

	/** The text, cut with an ellipsis to fit the width in the label's font. */
	private String fit(String text, int width) {
		GC gc = new GC(name);
		try {
			if (gc.textExtent(text).x <= width) {
				return text;
			}
			String cut = text;
			while (cut.length() > 1 && gc.textExtent(cut + '\u2026').x > width) {
				cut = cut.substring(0, cut.length() - 1);
			}
			return cut.strip() + '\u2026';
		} finally {
			gc.dispose();
		}
	}

	private void showMenu(Composite root) {
		Menu menu = new Menu(root);
		String active = ActiveAgent.get().getId();
		for (AgentProfile agent : ChorusCore.getDefault().agents().list()) {
			MenuItem item = new MenuItem(menu, SWT.RADIO);
			item.setText(agent.displayName().replace("&", "&&")); //$NON-NLS-1$ //$NON-NLS-2$
			item.setImage(AgentImages.get().avatar(agent, 16));
			item.setSelection(agent.id().equals(active));
			item.addListener(SWT.Selection, event -> {
				if (item.getSelection()) {
					ActiveAgent.get().setId(agent.id());
				}
			});
		}
		new MenuItem(menu, SWT.SEPARATOR);
		MenuItem newChat = new MenuItem(menu, SWT.PUSH);
		newChat.setText(Messages.Switcher_NewChat);
		newChat.addListener(SWT.Selection, event -> {
			IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
			try {
				Chats.newChat(page);
			} catch (PartInitException e) {
				org.eclipse.ui.statushandlers.StatusManager.getManager().handle(e.getStatus(),
						org.eclipse.ui.statushandlers.StatusManager.SHOW);
			}
		});
		MenuItem manage = new MenuItem(menu, SWT.PUSH);
		manage.setText(Messages.Switcher_Manage);
		manage.addListener(SWT.Selection, event -> PreferencesUtil
				.createPreferenceDialogOn(root.getShell(), AgentsPreferencePage.ID, null, null).open());
		Point location = root.toDisplay(0, root.getSize().y);
		menu.setLocation(location);
		menu.setVisible(true);
	}
}
