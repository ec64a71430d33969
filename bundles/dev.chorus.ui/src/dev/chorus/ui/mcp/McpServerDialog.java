package dev.chorus.ui.mcp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.CommandLine;

/**
 * Adds or edits one MCP server: its name, and either the program Chorus starts (command line and
 * environment) or the URL it reaches (and the headers it sends), and how long a tool call may
 * take. What is wrong shows in the message area and keeps OK disabled; the server is kept by the
 * MCP Servers page when it is applied.
 */
public class McpServerDialog extends TitleAreaDialog {

	private static final int MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

	private final McpServerConfig original;
	private final List<String> otherNames;
	private final List<Label> labels = new ArrayList<>();
	private McpServerConfig result;
	private Text name;
	private Button stdio;
	private Button http;
	private Composite kinds;
	private Composite stdioPage;
	private Composite httpPage;
	private Text command;
	private Text environment;
	private Text url;
	private Text headers;
	private Spinner timeout;

	/**
	 * @param server the server to edit, or {@code null} for a new one
	 * @param otherNames the names of the other servers, which this one may not take
	 */
	public McpServerDialog(Shell parent, McpServerConfig server, List<String> otherNames) {
		super(parent);
		this.original = server;
		this.otherNames = List.copyOf(otherNames);
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(original == null ? Messages.Dialog_NewTitle : Messages.Dialog_EditTitle);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(original == null ? Messages.Dialog_NewTitle : Messages.Dialog_EditTitle);
		setMessage(Messages.Dialog_Message);
		Composite page = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(page);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 10).spacing(8, 6).applyTo(page);

		label(page, Messages.Dialog_Name);
		name = new Text(page, SWT.BORDER);
		name.setTextLimit(80);
		GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(name);

		label(page, Messages.Dialog_Kind);
		Composite choice = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(16, 0).applyTo(choice);
		stdio = new Button(choice, SWT.RADIO);
		stdio.setText(Messages.Dialog_Stdio);
		http = new Button(choice, SWT.RADIO);
		http.setText(Messages.Dialog_Http);

		kinds = new Composite(page, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(kinds);
		kinds.setLayout(new StackLayout());
		stdioPage = kindPage();
		command = field(stdioPage, Messages.Dialog_Command, Messages.Dialog_CommandHint, false);
		environment = field(stdioPage, Messages.Dialog_Environment, Messages.Dialog_EnvironmentHint, true);
		httpPage = kindPage();
		url = field(httpPage, Messages.Dialog_Url, Messages.Dialog_UrlHint, false);
		headers = field(httpPage, Messages.Dialog_Headers, Messages.Dialog_HeadersHint, true);

		label(page, Messages.Dialog_Timeout);
		Composite timeoutRow = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(timeoutRow);
		timeout = new Spinner(timeoutRow, SWT.BORDER);
		timeout.setValues(McpServerConfig.DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS, 0, 10, 60);
		new Label(timeoutRow, SWT.NONE).setText(Messages.Dialog_TimeoutUnit);

		new Label(page, SWT.NONE);
		Label secrets = new Label(page, SWT.WRAP);
		secrets.setText(Messages.Dialog_SecureStorage);
		GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(secrets);

		// One width for the labels of the page and of both kinds, so that the fields line up.
		int width = labels.stream().mapToInt(label -> label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x).max().orElse(0);
		labels.forEach(label -> ((org.eclipse.swt.layout.GridData) label.getLayoutData()).widthHint = width);

		fill();
		name.addListener(SWT.Modify, event -> validate());
		for (Text text : new Text[] { command, environment, url, headers }) {
			text.addListener(SWT.Modify, event -> validate());
		}
		stdio.addListener(SWT.Selection, event -> showKind());
		http.addListener(SWT.Selection, event -> showKind());
		showKind();
		return area;
	}

	private void fill() {
		McpServerConfig server = original;
		if (server == null) {
			stdio.setSelection(true);
			return;
		}
		name.setText(server.name());
		stdio.setSelection(!server.isHttp());
		http.setSelection(server.isHttp());
		command.setText(CommandLine.join(server.command()));
		environment.setText(lines(server.environment(), "=")); //$NON-NLS-1$
		url.setText(server.url() == null ? "" : server.url()); //$NON-NLS-1$
		headers.setText(lines(server.headers(), ": ")); //$NON-NLS-1$
		timeout.setSelection(server.timeoutSeconds());
	}

	private static String lines(Map<String, String> values, String separator) {
		StringBuilder text = new StringBuilder();
		values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(entry.getKey()).append(separator).append(entry.getValue());
		});
		return text.toString();
	}

	private Composite kindPage() {
		Composite kind = new Composite(kinds, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 6).applyTo(kind);
		return kind;
	}

	private Label label(Composite parent, String text) {
		Label label = new Label(parent, SWT.NONE);
		label.setText(text);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
		labels.add(label);
		return label;
	}

	private Text field(Composite parent, String labelText, String hint, boolean multiLine) {
		Label label = label(parent, labelText);
		Text text = new Text(parent, multiLine ? SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL : SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, multiLine).hint(360, multiLine ? 4 * text.getLineHeight() : SWT.DEFAULT)
				.applyTo(text);
		if (multiLine) {
			((org.eclipse.swt.layout.GridData) label.getLayoutData()).verticalAlignment = SWT.BEGINNING;
		}
		new Label(parent, SWT.NONE);
		Label hintLabel = new Label(parent, SWT.WRAP);
		hintLabel.setText(hint);
		GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(hintLabel);
		return text;
	}

	private void showKind() {
		((StackLayout) kinds.getLayout()).topControl = http.getSelection() ? httpPage : stdioPage;
		kinds.layout(true, true);
		validate();
	}

	/** What is wrong with the typed server, most important first; OK stays disabled until nothing is. */
	private void validate() {
		String warning = null;
		String error = null;
		String typedName = name.getText().strip();
		if (typedName.isEmpty()) {
			warning = Messages.Dialog_NameRequired;
		} else if (otherNames.stream().anyMatch(other -> other.strip().equalsIgnoreCase(typedName))) {
			error = NLS.bind(Messages.Dialog_NameTaken, typedName);
		} else if (http.getSelection()) {
			error = urlProblem(url.getText().strip());
			if (url.getText().isBlank()) {
				warning = Messages.Dialog_UrlRequired;
				error = null;
			} else if (error == null) {
				error = lineProblem(headers.getText(), Messages.Dialog_BadHeader);
			}
		} else {
			try {
				if (CommandLine.split(command.getText()).isEmpty()) {
					warning = Messages.Dialog_CommandRequired;
				}
			} catch (IllegalArgumentException e) {
				error = Messages.Dialog_UnclosedQuote;
			}
			if (error == null && warning == null) {
				error = lineProblem(environment.getText(), Messages.Dialog_BadVariable);
			}
		}
		if (error != null) {
			setErrorMessage(error);
		} else {
			setErrorMessage(null);
			if (warning != null) {
				setMessage(warning, IMessageProvider.WARNING);
			} else {
				setMessage(Messages.Dialog_Message);
			}
		}
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(error == null && warning == null);
		}
	}

	private static String urlProblem(String text) {
		try {
			URI uri = URI.create(text);
			String scheme = uri.getScheme();
			if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) { //$NON-NLS-1$ //$NON-NLS-2$
				return null;
			}
		} catch (IllegalArgumentException e) {
			// Said below.
		}
		return NLS.bind(Messages.Dialog_BadUrl, text);
	}

	/** The first line that is neither blank, a comment nor {@code NAME=value} / {@code Name: value}, said with the template. */
	private static String lineProblem(String text, String template) {
		String[] lines = text.split("\\R"); //$NON-NLS-1$
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) { //$NON-NLS-1$
				continue;
			}
			int colon = line.indexOf(':');
			int equals = line.indexOf('=');
			int split = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
			if (split <= 0) {
				return NLS.bind(template, i + 1, line);
			}
		}
		return null;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
	}

	@Override
	protected void okPressed() {
		boolean overHttp = http.getSelection();
		List<String> words;
		try {
			words = overHttp ? List.of() : CommandLine.split(command.getText());
		} catch (IllegalArgumentException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		result = new McpServerConfig(original == null ? null : original.id(), name.getText().strip(), words,
				overHttp ? Map.of() : McpServerStore.parseLines(environment.getText()), overHttp ? url.getText().strip() : null,
				overHttp ? McpServerStore.parseLines(headers.getText()) : Map.of(), timeout.getSelection());
		super.okPressed();
	}

	/**
	 * The server as typed, once OK was pressed: a new one has no id yet. A stdio server has no URL
	 * nor headers, an HTTP one no command nor environment.
	 */
	public McpServerConfig getServer() {
		return result;
	}

	/** For tests: the fields. */
	public Text getNameText() {
		return name;
	}

	public Text getCommandText() {
		return command;
	}

	public Text getEnvironmentText() {
		return environment;
	}

	public Text getUrlText() {
		return url;
	}

	public Text getHeadersText() {
		return headers;
	}

	public Spinner getTimeoutSpinner() {
		return timeout;
	}

	/** For tests: chooses stdio or HTTP as a click on its radio button does. */
	public void chooseHttp(boolean overHttp) {
		stdio.setSelection(!overHttp);
		http.setSelection(overHttp);
		showKind();
	}
}
