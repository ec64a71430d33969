package dev.chorus.ui.agents;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentColors;
import dev.chorus.core.agents.AgentException;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.backend.BackendDescriptor;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.BackendSetting;
import dev.chorus.core.backend.ConversationContext;

/**
 * Edits one agent. Appearance (colour, avatar) is saved the moment it is chosen and the dialog then
 * shows what is stored, never an optimistic value: a failed save says why and leaves the stored
 * look in view. Name, backend and settings are saved with OK; secrets go to secure storage.
 */
public class AgentEditDialog extends TitleAreaDialog {

	private static final int PREVIEW = 64;
	private static final int SWATCH = 20;
	private static final int MAX_SETTINGS_HEIGHT = 320;

	private String agentId;
	private final boolean creating;
	private Text name;
	private Canvas preview;
	private Composite palette;
	private Combo backendChoice;
	private ScrolledComposite settingsScroller;
	private Composite settingsArea;
	private Label testResult;
	private List<BackendDescriptor> backends = List.of();
	private final Map<String, Control> settingEditors = new LinkedHashMap<>();
	private BackendDescriptor shownBackend;

	public AgentEditDialog(Shell parent, String agentId) {
		super(parent);
		this.agentId = agentId;
		this.creating = false;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	private AgentEditDialog(Shell parent) {
		super(parent);
		this.creating = true;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	/** A dialog that creates the agent when OK is pressed. */
	public static AgentEditDialog forNewAgent(Shell parent) {
		return new AgentEditDialog(parent);
	}

	/** The agent edited or created; {@code null} until a new agent was created. */
	public String getAgentId() {
		return agentId;
	}

	/**
	 * Asks twice, saying plainly what is lost (settings, sessions and how many, avatar, API keys),
	 * then deletes the agent and stops its runs.
	 *
	 * @return whether the agent was deleted
	 */
	public static boolean confirmAndDelete(Shell shell, AgentProfile agent) {
		int sessions = ChorusCore.getDefault().sessions().list(agent.id()).size();
		String warning = NLS.bind(Messages.AgentDialog_DeleteWarning, agent.displayName(), sessions);
		if (!MessageDialog.openConfirm(shell, Messages.AgentDialog_DeleteTitle, warning)) {
			return false;
		}
		MessageDialog second = new MessageDialog(shell, Messages.AgentDialog_DeleteTitle, null,
				NLS.bind(Messages.AgentDialog_DeleteConfirm, agent.displayName()), MessageDialog.WARNING, 1,
				Messages.AgentDialog_DeletePermanently, IDialogConstants.CANCEL_LABEL);
		if (second.open() != 0) {
			return false;
		}
		try {
			ChorusCore.getDefault().runs().closeAllOf(agent.id());
			ChorusCore.getDefault().agents().delete(agent.id());
			return true;
		} catch (AgentException | RuntimeException e) {
			MessageDialog.openError(shell, Messages.AgentDialog_DeleteTitle,
					NLS.bind(Messages.AgentDialog_DeleteFailed, e.getMessage()));
			return false;
		}
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(creating ? Messages.AgentDialog_NewTitle : Messages.AgentDialog_EditTitle);
	}

	private Optional<AgentProfile> stored() {
		return agentId == null ? Optional.empty() : ChorusCore.getDefault().agents().get(agentId);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(creating ? Messages.AgentDialog_NewTitle : Messages.AgentDialog_EditTitle);
		setMessage(Messages.AgentDialog_Message);
		Composite page = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(page);
		GridLayoutFactory.fillDefaults().margins(10, 10).spacing(8, 10).applyTo(page);

		createAppearance(page);
		createBackend(page);
		if (!creating) {
			createDangerZone(page);
		}
		return area;
	}

	private void createAppearance(Composite page) {
		Group group = new Group(page, SWT.NONE);
		group.setText(Messages.AgentDialog_Appearance);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(8, 8).spacing(10, 6).applyTo(group);

		preview = new Canvas(group, SWT.DOUBLE_BUFFERED);
		GridDataFactory.fillDefaults().span(1, 3).hint(PREVIEW, PREVIEW).align(SWT.CENTER, SWT.BEGINNING).applyTo(preview);
		preview.addPaintListener(event -> previewAgent().ifPresent(
				agent -> event.gc.drawImage(AgentImages.get().avatar(agent, PREVIEW), 0, 0)));

		new Label(group, SWT.NONE).setText(Messages.AgentDialog_Name);
		name = new Text(group, SWT.BORDER);
		name.setTextLimit(80);
		name.setText(stored().map(AgentProfile::displayName).orElse("")); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
		name.addListener(SWT.Modify, event -> {
			validate();
			preview.redraw();
		});

		new Label(group, SWT.NONE).setText(Messages.AgentDialog_Colour);
		palette = new Composite(group, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(12).spacing(3, 3).applyTo(palette);
		for (String colour : AgentColors.PALETTE) {
			swatch(colour);
		}
		Button defaultColour = new Button(palette, SWT.PUSH);
		defaultColour.setText(Messages.AgentDialog_DefaultColour);
		defaultColour.setToolTipText(Messages.AgentDialog_DefaultColourTooltip);
		defaultColour.addListener(SWT.Selection, event -> saveColour(null));
		GridDataFactory.fillDefaults().span(2, 1).applyTo(defaultColour);

		new Label(group, SWT.NONE).setText(Messages.AgentDialog_Avatar);
		Composite avatarButtons = new Composite(group, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(avatarButtons);
		Button choose = new Button(avatarButtons, SWT.PUSH);
		choose.setText(Messages.AgentDialog_ChooseImage);
		choose.addListener(SWT.Selection, event -> chooseAvatar());
		Button removeAvatar = new Button(avatarButtons, SWT.PUSH);
		removeAvatar.setText(Messages.AgentDialog_RemoveImage);
		removeAvatar.addListener(SWT.Selection, event -> saveAvatar(null));
		if (creating) {
			palette.setEnabled(false);
			avatarButtons.setEnabled(false);
			Label later = new Label(group, SWT.WRAP);
			later.setText(Messages.AgentDialog_AppearanceAfterCreate);
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(300, SWT.DEFAULT).applyTo(later);
		}
	}

	/** The look shown in the preview: the stored one, with the name being typed. */
	private Optional<AgentProfile> previewAgent() {
		String typed = name == null || name.getText().isBlank() ? "?" : name.getText().strip(); //$NON-NLS-1$
		return Optional.of(stored().map(agent -> new AgentProfile(agent.id(), typed, agent.color(), agent.avatar(),
				agent.backendId(), agent.settings()))
				.orElse(new AgentProfile("new", typed, null, null, "", Map.of()))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private void swatch(String colour) {
		Canvas swatch = new Canvas(palette, SWT.DOUBLE_BUFFERED);
		GridDataFactory.fillDefaults().hint(SWATCH, SWATCH).applyTo(swatch);
		swatch.setToolTipText(colour);
		swatch.setCursor(swatch.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
		swatch.addPaintListener(event -> {
			GC gc = event.gc;
			gc.setAntialias(SWT.ON);
			int value = Integer.parseInt(colour.substring(1), 16);
			Color fill = new Color(gc.getDevice(), new RGB(value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF));
			gc.setBackground(fill);
			gc.fillRoundRectangle(1, 1, SWATCH - 2, SWATCH - 2, 6, 6);
			fill.dispose();
			boolean chosen = stored().map(agent -> colour.equalsIgnoreCase(agent.color())).orElse(false);
			if (chosen) {
				gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
				gc.setLineWidth(2);
				gc.drawLine(5, SWATCH / 2, SWATCH / 2 - 1, SWATCH - 6);
				gc.drawLine(SWATCH / 2 - 1, SWATCH - 6, SWATCH - 5, 5);
			}
		});
		swatch.addListener(SWT.MouseUp, event -> saveColour(colour));
	}

	private void saveColour(String colour) {
		try {
			ChorusCore.getDefault().agents().setColor(agentId, colour);
			setErrorMessage(null);
		} catch (AgentException e) {
			setErrorMessage(NLS.bind(Messages.AgentDialog_ColourFailed, e.getMessage()));
		}
		// Show what is stored, whatever happened.
		palette.getChildren();
		for (Control child : palette.getChildren()) {
			child.redraw();
		}
		preview.redraw();
	}

	private void chooseAvatar() {
		FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
		dialog.setText(Messages.AgentDialog_ChooseImage);
		dialog.setFilterExtensions(new String[] { "*.png;*.jpg;*.jpeg;*.gif;*.bmp", "*.*" }); //$NON-NLS-1$ //$NON-NLS-2$
		dialog.setFilterNames(new String[] { Messages.AgentDialog_Images, Messages.AgentDialog_AllFiles });
		String file = dialog.open();
		if (file != null) {
			saveAvatar(Path.of(file));
		}
	}

	private void saveAvatar(Path file) {
		try {
			if (file == null) {
				ChorusCore.getDefault().agents().removeAvatar(agentId);
			} else {
				ChorusCore.getDefault().agents().setAvatar(agentId, file);
			}
			setErrorMessage(null);
		} catch (AgentException e) {
			setErrorMessage(NLS.bind(Messages.AgentDialog_AvatarFailed, e.getMessage()));
		}
		preview.redraw();
	}

	private void createBackend(Composite page) {
		Group group = new Group(page, SWT.NONE);
		group.setText(Messages.AgentDialog_Backend);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(group);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 8).spacing(8, 6).applyTo(group);
		new Label(group, SWT.NONE).setText(Messages.AgentDialog_BackendKind);
		backendChoice = new Combo(group, SWT.READ_ONLY);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(backendChoice);
		backends = ChorusCore.getDefault().backends().list();
		// A new agent starts on the backend of the default agent, the one most people use first.
		String current = stored().map(AgentProfile::backendId).orElse(AgentRegistry.DEFAULT_BACKEND);
		for (BackendDescriptor backend : backends) {
			backendChoice.add(backend.name());
			if (backend.id().equals(current)) {
				backendChoice.select(backendChoice.getItemCount() - 1);
			}
		}
		if (backendChoice.getSelectionIndex() < 0 && !backends.isEmpty()) {
			backendChoice.select(0);
		}
		backendChoice.addListener(SWT.Selection, event -> showSettings());
		// Backends with many settings scroll rather than grow the dialog past the screen.
		settingsScroller = new ScrolledComposite(group, SWT.V_SCROLL);
		settingsScroller.setExpandHorizontal(true);
		settingsScroller.setExpandVertical(true);
		settingsScroller.setShowFocusedControl(true);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(settingsScroller);
		settingsArea = new Composite(settingsScroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).spacing(8, 6).applyTo(settingsArea);
		settingsScroller.setContent(settingsArea);
		settingsScroller.addListener(SWT.Resize, event -> fitSettings(settingsScroller));
		Composite testRow = new Composite(group, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(testRow);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(testRow);
		Button test = new Button(testRow, SWT.PUSH);
		test.setText(Messages.AgentDialog_TestConnection);
		test.addListener(SWT.Selection, event -> testConnection());
		testResult = new Label(testRow, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(testResult);
		showSettings();
	}

	private BackendDescriptor selectedBackend() {
		int index = backendChoice.getSelectionIndex();
		return index < 0 ? null : backends.get(index);
	}

	/** Builds one editor per setting of the chosen backend, filled from the stored settings. */
	private void showSettings() {
		for (Control child : settingsArea.getChildren()) {
			child.dispose();
		}
		settingEditors.clear();
		shownBackend = selectedBackend();
		if (shownBackend == null) {
			Label none = new Label(settingsArea, SWT.WRAP);
			none.setText(Messages.AgentDialog_NoBackends);
			return;
		}
		Map<String, String> values = stored().filter(agent -> agent.backendId().equals(shownBackend.id()))
				.map(AgentProfile::settings).orElse(Map.of());
		for (BackendSetting setting : shownBackend.backend().getSettings()) {
			Label label = new Label(settingsArea, SWT.NONE);
			label.setText(setting.label());
			label.setToolTipText(setting.description());
			String value = values.getOrDefault(setting.key(), setting.defaultValue());
			Control editor = switch (setting.type()) {
			case MULTILINE, KEY_VALUES -> multiLine(value);
			case SECRET -> secret(setting);
			case MODEL -> model(setting, value);
			case DIRECTORY -> directory(value);
			case BOOLEAN -> checkBox(label, value);
			case MCP_SERVERS -> new McpServerChooser(settingsArea, ChorusCore.getDefault().mcp().store(), value);
			default -> singleLine(value);
			};
			if (setting.type() == BackendSetting.Type.MCP_SERVERS) {
				GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(editor);
				GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).indent(0, 4).applyTo(label);
			}
			editor.setToolTipText(setting.description());
			settingEditors.put(setting.key(), editor);
		}
		((GridData) settingsScroller.getLayoutData()).heightHint = Math.min(MAX_SETTINGS_HEIGHT,
				settingsArea.computeSize(SWT.DEFAULT, SWT.DEFAULT).y);
		fitSettings(settingsScroller);
		settingsScroller.getParent().layout(true, true);
		if (getShell() != null && getShell().isVisible()) {
			getShell().layout(true, true);
		}
	}

	/** Lets the settings scroll as far as they reach at the scroller's width. */
	static void fitSettings(ScrolledComposite scroller) {
		int width = scroller.getClientArea().width;
		scroller.setMinSize(scroller.getContent().computeSize(width > 0 ? width : SWT.DEFAULT, SWT.DEFAULT));
	}

	/** A check box that carries the setting's label itself; the label column stays empty. */
	private Button checkBox(Label label, String value) {
		Button box = new Button(settingsArea, SWT.CHECK);
		box.setText(label.getText());
		label.setText(""); //$NON-NLS-1$
		box.setSelection(Boolean.parseBoolean(value));
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(box);
		return box;
	}

	private Text singleLine(String value) {
		Text text = new Text(settingsArea, SWT.BORDER);
		text.setText(value == null ? "" : value); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
		return text;
	}

	private Text multiLine(String value) {
		Text text = new Text(settingsArea, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
		text.setText(value == null ? "" : value); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(300, 4 * text.getLineHeight()).applyTo(text);
		return text;
	}

	private Text secret(BackendSetting setting) {
		Text text = new Text(settingsArea, SWT.BORDER | SWT.PASSWORD);
		boolean stored = agentId != null && ChorusCore.getDefault().secrets().get(agentId, setting.key()).isPresent();
		text.setMessage(stored ? Messages.AgentDialog_SecretStored : Messages.AgentDialog_SecretNotSet);
		text.setData("stored", stored); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(text);
		Label where = new Label(settingsArea, SWT.NONE);
		where.setText(Messages.AgentDialog_SecureStorage);
		return text;
	}

	private Combo model(BackendSetting setting, String value) {
		Combo combo = new Combo(settingsArea, SWT.DROP_DOWN);
		combo.setText(value == null ? "" : value); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(combo);
		Button refresh = new Button(settingsArea, SWT.PUSH);
		refresh.setText(Messages.AgentDialog_ListModels);
		refresh.addListener(SWT.Selection, event -> listModels(combo));
		return combo;
	}

	private Text directory(String value) {
		Text text = new Text(settingsArea, SWT.BORDER);
		text.setText(value == null ? "" : value); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(text);
		Button browse = new Button(settingsArea, SWT.PUSH);
		browse.setText(Messages.AgentDialog_Browse);
		browse.addListener(SWT.Selection, event -> {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setFilterPath(text.getText());
			String chosen = dialog.open();
			if (chosen != null) {
				text.setText(chosen);
			}
		});
		return text;
	}

	/** The settings as typed (secrets left out: they go to secure storage). */
	private Map<String, String> typedSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		if (shownBackend == null) {
			return settings;
		}
		for (BackendSetting setting : shownBackend.backend().getSettings()) {
			if (setting.type() != BackendSetting.Type.SECRET) {
				settings.put(setting.key(), textOf(settingEditors.get(setting.key())).strip());
			}
		}
		return settings;
	}

	private static String textOf(Control control) {
		return switch (control) {
		case Text text -> text.getText();
		case Combo combo -> combo.getText();
		case Button box -> Boolean.toString(box.getSelection());
		case McpServerChooser chooser -> chooser.getValue();
		case null, default -> ""; //$NON-NLS-1$
		};
	}

	/** A context with the typed settings, and typed secrets ahead of the stored ones. */
	private ConversationContext typedContext() {
		Map<String, String> typedSecrets = new LinkedHashMap<>();
		for (BackendSetting setting : shownBackend.backend().getSettings()) {
			if (setting.type() == BackendSetting.Type.SECRET) {
				String typed = textOf(settingEditors.get(setting.key()));
				if (!typed.isEmpty()) {
					typedSecrets.put(setting.key(), typed);
				}
			}
		}
		String id = agentId;
		return new ConversationContext(id == null ? "new" : id, typedSettings(), //$NON-NLS-1$
				key -> typedSecrets.containsKey(key) ? Optional.of(typedSecrets.get(key))
						: id == null ? Optional.empty() : ChorusCore.getDefault().secrets().get(id, key),
				null, Path.of(System.getProperty("user.home"))); //$NON-NLS-1$
	}

	private void testConnection() {
		if (shownBackend == null) {
			return;
		}
		ConversationContext context = typedContext();
		BackendDescriptor backend = shownBackend;
		testResult.setText(Messages.AgentDialog_Testing);
		testResult.setForeground(null);
		runInBackground(Messages.AgentDialog_TestConnection, monitor -> backend.backend().testConnection(context, monitor),
				(result, error) -> {
					testResult.setText(error == null ? result : error);
					testResult.setForeground(testResult.getDisplay()
							.getSystemColor(error == null ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED));
					testResult.getParent().layout(true);
				});
	}

	private void listModels(Combo combo) {
		ConversationContext context = typedContext();
		BackendDescriptor backend = shownBackend;
		testResult.setText(Messages.AgentDialog_ListingModels);
		runInBackground(Messages.AgentDialog_ListModels, monitor -> backend.backend().listModels(context, monitor),
				(models, error) -> {
					if (error != null) {
						testResult.setText(error);
						return;
					}
					String typed = combo.getText();
					combo.setItems(models.toArray(String[]::new));
					combo.setText(typed.isEmpty() && !models.isEmpty() ? models.get(0) : typed);
					testResult.setText(NLS.bind(Messages.AgentDialog_ModelsListed, models.size()));
				});
	}

	private interface BackendCall<T> {
		T call(IProgressMonitor monitor) throws BackendException;
	}

	private interface UiResult<T> {
		void accept(T value, String error);
	}

	/** Runs a backend call as a job (shown in the Progress view) and hands its result to the UI thread. */
	private <T> void runInBackground(String name, BackendCall<T> call, UiResult<T> result) {
		Job job = Job.create(name, monitor -> {
			T value = null;
			String error = null;
			try {
				value = call.call(monitor);
			} catch (BackendException e) {
				error = e.getHint() == null ? e.getMessage() : e.getMessage() + ' ' + e.getHint();
			} catch (RuntimeException e) {
				error = e.toString();
			}
			T finalValue = value;
			String finalError = error;
			if (!testResult.isDisposed()) {
				testResult.getDisplay().asyncExec(() -> {
					if (!testResult.isDisposed()) {
						result.accept(finalValue, finalError);
					}
				});
			}
			return Status.OK_STATUS;
		});
		job.setUser(false);
		job.schedule();
	}

	private void createDangerZone(Composite page) {
		Group group = new Group(page, SWT.NONE);
		group.setText(Messages.AgentDialog_DangerZone);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 8).applyTo(group);
		Label text = new Label(group, SWT.WRAP);
		text.setText(Messages.AgentDialog_DangerText);
		GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
		Button delete = new Button(group, SWT.PUSH);
		delete.setText(Messages.AgentDialog_DeleteAgent);
		delete.addListener(SWT.Selection, event -> stored().ifPresent(agent -> {
			if (confirmAndDelete(getShell(), agent)) {
				setReturnCode(CANCEL);
				close();
			}
		}));
	}

	private void validate() {
		Button ok = getButton(IDialogConstants.OK_ID);
		boolean valid = !name.getText().isBlank();
		if (ok != null) {
			ok.setEnabled(valid && selectedBackend() != null);
		}
		if (!valid) {
			setMessage(Messages.AgentDialog_NameRequired, IMessageProvider.WARNING);
		} else {
			setMessage(Messages.AgentDialog_Message);
		}
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
	}

	@Override
	protected void okPressed() {
		BackendDescriptor backend = selectedBackend();
		if (backend == null) {
			return;
		}
		try {
			if (creating) {
				agentId = ChorusCore.getDefault().agents().create(name.getText().strip(), backend.id()).id();
			} else {
				ChorusCore.getDefault().agents().rename(agentId, name.getText().strip());
			}
			ChorusCore.getDefault().agents().updateSettings(agentId, backend.id(), typedSettings());
			for (BackendSetting setting : backend.backend().getSettings()) {
				if (setting.type() == BackendSetting.Type.SECRET) {
					String typed = textOf(settingEditors.get(setting.key()));
					if (!typed.isEmpty()) {
						ChorusCore.getDefault().secrets().put(agentId, setting.key(), typed);
					}
				}
			}
		} catch (AgentException | RuntimeException e) {
			setErrorMessage(NLS.bind(Messages.AgentDialog_SaveFailed, e.getMessage()));
			return;
		}
		super.okPressed();
	}

	/** For tests: the editor of a setting. */
	public Control getSettingEditor(String key) {
		return settingEditors.get(key);
	}

	/** For tests: the name field. */
	public Text getNameText() {
		return name;
	}

}
