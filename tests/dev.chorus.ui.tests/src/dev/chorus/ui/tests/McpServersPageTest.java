package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.tests.support.TestMcpServers;
import dev.chorus.ui.agents.AgentEditDialog;
import dev.chorus.ui.agents.McpServerChooser;
import dev.chorus.core.CommandLine;
import dev.chorus.ui.mcp.McpServerDialog;
import dev.chorus.ui.mcp.McpServersPreferencePage;
import dev.chorus.ui.mcp.McpTestResultDialog;

/**
 * The MCP Servers preference page, its server dialog and its Test button, and the MCP servers
 * and the on/off settings in the agent dialog, driven through their widgets: edits reach the store
 * only with Apply or OK, the test starts the real MCP test server and shows its tools, and an
 * agent keeps the ids of the servers checked for it.
 */
public class McpServersPageTest {

	private static final String TOKEN = "Bearer ui-test-31f0";

	private Display display;
	private Shell shell;
	private McpServerStore store;
	private final List<AutoCloseable> closing = new ArrayList<>();
	private PreferenceDialog preferences;

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		store = ChorusCore.getDefault().mcp().store();
		removeAllServers();
	}

	@After
	public void tearDown() throws Exception {
		if (preferences != null && preferences.getShell() != null && !preferences.getShell().isDisposed()) {
			preferences.close();
		}
		removeAllServers();
		for (AutoCloseable each : closing) {
			each.close();
		}
	}

	private void removeAllServers() throws Exception {
		for (McpServerConfig server : List.copyOf(store.list())) {
			store.remove(server.id());
		}
	}

	private static McpServerConfig stdio(String id, String name, List<String> command, Map<String, String> environment) {
		return new McpServerConfig(id, name, command, environment, null, Map.of(), 0);
	}

	private static McpServerConfig http(String id, String name, String url, Map<String, String> headers, int timeout) {
		return new McpServerConfig(id, name, List.of(), Map.of(), url, headers, timeout);
	}

	private McpServersPreferencePage openPage() {
		preferences = PreferencesUtil.createPreferenceDialogOn(shell, McpServersPreferencePage.ID, null, null);
		preferences.setBlockOnOpen(false);
		preferences.open();
		UiWait.processEvents(display, 200);
		return (McpServersPreferencePage) preferences.getSelectedPage();
	}

	private static List<String> row(Table table, int index) {
		List<String> cells = new ArrayList<>();
		for (int column = 0; column < table.getColumnCount(); column++) {
			cells.add(table.getItem(index).getText(column));
		}
		return cells;
	}

	/** A screenshot, named for the theme: this class runs in the light and in the dark workbench. */
	private static void shot(Shell shell, String name) {
		org.eclipse.swt.graphics.RGB background = shell.getBackground().getRGB();
		boolean dark = background.red + background.green + background.blue < 3 * 128;
		Screenshots.capture(shell, dark ? name + "-dark" : name);
	}

	private static void press(Button button) {
		assertNotNull(button);
		assertTrue(button.getText() + " is enabled", button.isEnabled());
		button.notifyListeners(SWT.Selection, new Event());
	}

	/** Runs the action on the dialog of that title as soon as it is open (it blocks the code that opens it). */
	private void whenOpen(String title, Consumer<Shell> action, AtomicReference<Throwable> failure) {
		whenOpen(open -> title.equals(open.getText()), action, failure);
	}

	private void whenOpen(java.util.function.Predicate<Shell> which, Consumer<Shell> action, AtomicReference<Throwable> failure) {
		display.timerExec(50, new Runnable() {
			@Override
			public void run() {
				for (Shell open : display.getShells()) {
					if (which.test(open) && open.isVisible()) {
						try {
							action.accept(open);
						} catch (Throwable e) {
							failure.set(e);
							open.close();
						}
						return;
					}
				}
				display.timerExec(50, this);
			}
		});
	}

	private static void rethrow(AtomicReference<Throwable> failure) {
		if (failure.get() instanceof AssertionError error) {
			throw error;
		}
		if (failure.get() != null) {
			throw new AssertionError(failure.get());
		}
	}

	@Test
	public void pageListsTheServersAndKeepsEditsOnlyWithApplyOrOk() throws Exception {
		store.save(stdio("files", "Files", List.of("npx", "-y", "@modelcontextprotocol/server-filesystem", "/home/me/My Work"),
				Map.of("LOG_LEVEL", "debug")));
		store.save(http("remote", "Remote tools", "https://tools.example.com/mcp", Map.of("Authorization", TOKEN), 45));

		McpServersPreferencePage page = openPage();
		Table table = page.getViewer().getTable();
		assertEquals(2, table.getItemCount());
		assertEquals(List.of("Files", "stdio", "npx -y @modelcontextprotocol/server-filesystem '/home/me/My Work'", "120 s"), row(table, 0));
		assertEquals(List.of("Remote tools", "HTTP", "https://tools.example.com/mcp", "45 s"), row(table, 1));
		shot(preferences.getShell(), "20-mcp-servers-page");

		// Edit the HTTP server through its dialog: a taken name is refused in the message area, then a new URL and timeout.
		page.getViewer().setSelection(new StructuredSelection(page.servers().get(1)), true);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		whenOpen("Edit MCP Server", dialogShell -> {
			McpServerDialog dialog = (McpServerDialog) dialogShell.getData();
			assertEquals(TOKEN, dialog.getHeadersText().getText().replace("Authorization: ", ""));
			dialog.getNameText().setText("files");
			assertEquals("There is already an MCP server named files.", dialog.getErrorMessage());
			assertFalse(UiWait.findButton(dialogShell, "OK").isEnabled());
			dialog.getNameText().setText("Remote tools");
			dialog.getUrlText().setText("not a url");
			assertEquals("not a url is no http(s) URL.", dialog.getErrorMessage());
			dialog.getUrlText().setText("https://tools.example.com/v2/mcp");
			dialog.getHeadersText().setText("Authorization: " + TOKEN + "\nX-Team: chorus");
			dialog.getTimeoutSpinner().setSelection(30);
			assertNull(dialog.getErrorMessage());
			shot(dialogShell, "21-mcp-server-dialog-http");
			press(UiWait.findButton(dialogShell, "OK"));
		}, failure);
		press(UiWait.findButton(preferences.getShell(), "Edit..."));
		rethrow(failure);
		assertEquals(List.of("Remote tools", "HTTP", "https://tools.example.com/v2/mcp", "30 s"), row(table, 1));
		assertEquals("not stored before Apply", "https://tools.example.com/mcp", store.get("remote").get().url());

		// Cancel drops the edit.
		UiWait.findButton(preferences.getShell(), "Cancel").notifyListeners(SWT.Selection, new Event());
		assertEquals("https://tools.example.com/mcp", store.get("remote").get().url());
		assertEquals(45, store.get("remote").get().timeoutSeconds());

		// Again, with a new stdio server, a removal, and Apply and Close.
		page = openPage();
		table = page.getViewer().getTable();
		whenOpen("New MCP Server", dialogShell -> {
			McpServerDialog dialog = (McpServerDialog) dialogShell.getData();
			assertFalse("nothing typed yet", UiWait.findButton(dialogShell, "OK").isEnabled());
			dialog.getNameText().setText("Echo");
			dialog.getCommandText().setText("node 'my server.mjs");
			assertEquals("A quote in the command is not closed.", dialog.getErrorMessage());
			dialog.getCommandText().setText("node '/opt/mcp/my server.mjs' --log /tmp/echo.jsonl");
			dialog.getEnvironmentText().setText("ECHO_TOKEN=s3cret-ui\nnot a variable");
			assertTrue(dialog.getErrorMessage(), dialog.getErrorMessage().startsWith("Line 2 of the environment"));
			dialog.getEnvironmentText().setText("ECHO_TOKEN=s3cret-ui\n# a comment");
			assertNull(dialog.getErrorMessage());
			shot(dialogShell, "22-mcp-server-dialog-stdio");
			press(UiWait.findButton(dialogShell, "OK"));
		}, failure);
		press(UiWait.findButton(preferences.getShell(), "Add..."));
		rethrow(failure);
		assertEquals(3, table.getItemCount());
		page.getViewer().setSelection(new StructuredSelection(page.servers().get(0)), true);
		press(UiWait.findButton(preferences.getShell(), "Remove"));
		assertEquals(2, table.getItemCount());
		assertTrue("not removed before Apply", store.get("files").isPresent());
		assertTrue(page.isDirty());
		press(UiWait.findButton(preferences.getShell(), "Apply"));
		assertFalse(page.isDirty());
		assertTrue(store.get("files").isEmpty());
		McpServerConfig echo = store.get("echo").orElseThrow();
		assertEquals(List.of("node", "/opt/mcp/my server.mjs", "--log", "/tmp/echo.jsonl"), echo.command());
		assertEquals(Map.of("ECHO_TOKEN", "s3cret-ui"), echo.environment());
		assertFalse("the environment is in secure storage, not in the servers' file",
				Files.readString(ChorusCore.getDefault().dataFolder().resolve("mcp-servers.json")).contains("s3cret-ui"));
		preferences.close();
	}

	@Test
	public void testButtonStartsTheServerAndShowsItsToolsOrWhyNot() throws Exception {
		TestMcpServers.Http remote = TestMcpServers.startHttp(null, "--require-header", "Authorization: " + TOKEN);
		closing.add(remote);
		store.save(stdio("echo", "Echo", TestMcpServers.commandLine(), Map.of()));
		store.save(http("remote", "Remote", remote.url().toString(), Map.of("Authorization", TOKEN), 0));
		store.save(stdio("broken", "Broken", TestMcpServers.commandLine("--fail-start"), Map.of()));
		McpServersPreferencePage page = openPage();

		for (int i = 0; i < 2; i++) {
			McpServerConfig server = page.servers().get(i);
			page.getViewer().setSelection(new StructuredSelection(server), true);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicReference<List<String>> tools = new AtomicReference<>();
			AtomicReference<String> message = new AtomicReference<>();
			String shot = i == 0 ? "23-mcp-server-test" : null;
			whenOpen("Test of " + server.name(), dialogShell -> {
				McpTestResultDialog dialog = (McpTestResultDialog) dialogShell.getData();
				message.set(dialog.getMessage());
				List<String> names = new ArrayList<>();
				Table table = dialog.getToolsViewer().getTable();
				for (int row = 0; row < table.getItemCount(); row++) {
					names.add(table.getItem(row).getText(0) + " | " + table.getItem(row).getText(1));
				}
				tools.set(names);
				if (shot != null) {
					shot(dialogShell, shot);
				}
				press(UiWait.findButton(dialogShell, "Close"));
			}, failure);
			press(UiWait.findButton(preferences.getShell(), "Test"));
			UiWait.until(display, "the test of " + server.name(), 30_000, () -> tools.get() != null || failure.get() != null);
			rethrow(failure);
			assertTrue(message.get(), message.get().startsWith("chorus-mcp-test-server 1.0.0 answered."));
			assertTrue(tools.get().toString(), tools.get().contains("add | Adds two numbers and answers the sum."));
			assertTrue(tools.get().toString(), tools.get().stream().anyMatch(tool -> tool.startsWith("echo | ")));
		}

		page.getViewer().setSelection(new StructuredSelection(page.servers().get(2)), true);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<String> message = new AtomicReference<>();
		whenOpen("Test of Broken", dialogShell -> {
			McpTestResultDialog dialog = (McpTestResultDialog) dialogShell.getData();
			message.set(dialog.getMessage());
			assertNull(dialog.getToolsViewer());
			shot(dialogShell, "24-mcp-server-test-failed");
			press(UiWait.findButton(dialogShell, "Close"));
		}, failure);
		press(UiWait.findButton(preferences.getShell(), "Test"));
		UiWait.until(display, "the test of Broken", 30_000, () -> message.get() != null || failure.get() != null);
		rethrow(failure);
		assertTrue(message.get(), message.get().startsWith("The MCP server Broken could not start"));
		preferences.close();
	}

	@Test
	public void agentDialogKeepsTheCheckedServersAndTheOnOffSettings() throws Exception {
		AgentProfile agent = ChorusCore.getDefault().agents().create("Tool User", "dev.chorus.backend.openai");
		try {
			// No server yet: the editor says so and offers the page.
			AgentEditDialog empty = new AgentEditDialog(shell, agent.id());
			empty.setBlockOnOpen(false);
			empty.open();
			McpServerChooser none = (McpServerChooser) empty.getSettingEditor(OpenAiBackend.MCP_SERVERS);
			assertFalse(none.getViewer().getControl().getVisible());
			assertTrue(none.getLink().getText(), none.getLink().getText().startsWith("No MCP server is configured yet."));
			assertEquals("", none.getValue());
			// Its link opens the MCP Servers page; a server added there is listed when it closes, unchecked.
			addThroughTheLink(none, "Files", "npx -y @modelcontextprotocol/server-filesystem /home/me", null);
			assertTrue(none.getViewer().getControl().getVisible());
			assertEquals("Configure MCP servers...", none.getLink().getText().replaceAll("<[^>]*>", ""));
			assertEquals(1, none.getViewer().getTable().getItemCount());
			assertEquals("", none.getValue());
			empty.close();
			assertEquals("files", store.list().get(0).id());

			// From inside the Preferences dialog (the Agents page), the page opens in a dialog of its own.
			preferences = PreferencesUtil.createPreferenceDialogOn(shell, dev.chorus.ui.agents.AgentsPreferencePage.ID, null, null);
			preferences.setBlockOnOpen(false);
			preferences.open();
			AgentEditDialog nested = new AgentEditDialog(preferences.getShell(), agent.id());
			nested.setBlockOnOpen(false);
			nested.open();
			McpServerChooser inside = (McpServerChooser) nested.getSettingEditor(OpenAiBackend.MCP_SERVERS);
			inside.getViewer().setChecked(store.get("files").get(), true);
			addThroughTheLink(inside, "Remote tools", null, preferences);
			assertEquals("the checks are kept", "files", inside.getValue());
			assertEquals(2, inside.getViewer().getTable().getItemCount());
			assertTrue("the Preferences dialog stays on its page",
					preferences.getSelectedPage() instanceof dev.chorus.ui.agents.AgentsPreferencePage);
			nested.close();
			preferences.close();
			store.remove("remote-tools");

			store.save(http("remote", "Remote tools", "https://tools.example.com/mcp", Map.of(), 0));
			store.save(stdio("echo", "Echo", List.of("node", "echo.mjs"), Map.of()));
			ChorusCore.getDefault().agents().updateSettings(agent.id(), "dev.chorus.backend.openai",
					Map.of(OpenAiBackend.MCP_SERVERS, "remote,gone", OpenAiBackend.BUILT_IN_TOOLS, "false"));

			AgentEditDialog dialog = new AgentEditDialog(shell, agent.id());
			dialog.setBlockOnOpen(false);
			dialog.open();
			McpServerChooser chooser = (McpServerChooser) dialog.getSettingEditor(OpenAiBackend.MCP_SERVERS);
			Table table = chooser.getViewer().getTable();
			assertEquals(3, table.getItemCount());
			assertEquals("Files", table.getItem(0).getText(0));
			assertEquals("https://tools.example.com/mcp", table.getItem(1).getText(1));
			assertEquals(List.of(store.get("remote").get()), List.of(chooser.getViewer().getCheckedElements()));
			assertEquals("an id that names no server is dropped", "remote", chooser.getValue());
			Button builtIn = (Button) dialog.getSettingEditor(OpenAiBackend.BUILT_IN_TOOLS);
			assertTrue((builtIn.getStyle() & SWT.CHECK) != 0);
			assertFalse(builtIn.getSelection());

			chooser.getViewer().setChecked(store.get("echo").get(), true);
			chooser.getViewer().setChecked(store.get("files").get(), true);
			builtIn.setSelection(true);
			// The settings scroll, as far as the last one: the tool settings come into view.
			org.eclipse.swt.custom.ScrolledComposite scroller = (org.eclipse.swt.custom.ScrolledComposite) chooser.getParent().getParent();
			scroller.showControl(chooser);
			UiWait.processEvents(display, 100);
			assertTrue("scrolled to the servers: " + scroller.getClientArea() + " " + scroller.getContent().getSize() + " "
					+ scroller.getMinHeight(), scroller.getOrigin().y > 0);
			org.eclipse.swt.graphics.Rectangle shown = display.map(table.getParent(), scroller, table.getBounds());
			assertTrue("the servers are in sight: " + shown, shown.y >= 0 && shown.y + shown.height <= scroller.getClientArea().height);
			// The picture shows the settings down to the last.
			scroller.setOrigin(0, scroller.getContent().getSize().y);
			shot(dialog.getShell(), "25-agent-dialog-tool-settings");
			press(UiWait.findButton(dialog.getShell(), "OK"));
			assertEquals(Window.OK, dialog.getReturnCode());

			AgentProfile saved = ChorusCore.getDefault().agents().get(agent.id()).get();
			assertEquals("the list's order", "files,remote,echo", saved.settings().get(OpenAiBackend.MCP_SERVERS));
			assertEquals("true", saved.settings().get(OpenAiBackend.BUILT_IN_TOOLS));
		} finally {
			ChorusCore.getDefault().agents().delete(agent.id());
		}
	}

	/**
	 * Clicks the chooser's link and adds a server on the page it opens (stdio with the command, or
	 * HTTP when there is none), then presses Apply and Close. {@code outer} is the Preferences dialog
	 * the chooser's dialog was opened from, or {@code null}.
	 */
	private void addThroughTheLink(McpServerChooser chooser, String name, String command, PreferenceDialog outer) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> done = new AtomicReference<>(false);
		whenOpen(open -> open.getData() instanceof PreferenceDialog dialog && dialog != outer, prefShell -> {
			PreferenceDialog dialog = (PreferenceDialog) prefShell.getData();
			assertTrue(String.valueOf(dialog.getSelectedPage()), dialog.getSelectedPage() instanceof McpServersPreferencePage);
			whenOpen("New MCP Server", dialogShell -> {
				McpServerDialog server = (McpServerDialog) dialogShell.getData();
				server.getNameText().setText(name);
				if (command == null) {
					server.chooseHttp(true);
					server.getUrlText().setText("https://tools.example.com/mcp");
				} else {
					server.getCommandText().setText(command);
				}
				press(UiWait.findButton(dialogShell, "OK"));
			}, failure);
			press(UiWait.findButton(prefShell, "Add..."));
			Button close = UiWait.findButton(prefShell, "Apply and Close");
			press(close != null ? close : UiWait.findButton(prefShell, "OK"));
			done.set(true);
		}, failure);
		chooser.getLink().notifyListeners(SWT.Selection, new Event());
		rethrow(failure);
		assertTrue("the page was shown", done.get());
	}

	@Test
	public void commandLinesSplitLikeAShellAndJoinBack() {
		List<String> words = CommandLine.split("node \"/opt/my server.mjs\" --name 'it''s' a\\ b \"say \\\"hi\\\"\"");
		assertEquals(List.of("node", "/opt/my server.mjs", "--name", "its", "a b", "say \"hi\""), words);
		assertEquals(words, CommandLine.split(CommandLine.join(words)));
		List<String> odd = List.of("", "it's", "$HOME", "a\\b", "tab\there");
		assertEquals(odd, CommandLine.split(CommandLine.join(odd)));
	}
}
