package dev.chorus.ui.chat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.e4.ui.services.IStylingEngine;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.services.IEvaluationService;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.IRunListener;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.runs.RunEventBuffer;
import dev.chorus.core.runs.RunState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.ui.agents.AgentImages;

/**
 * The editor of one run: its live transcript, and an input to send the next message. The run goes
 * on in the background while another editor is active; its events are queued and drained on the UI
 * thread in order, so switching back shows everything it produced meanwhile. Closing the editor
 * closes the run, which stops its turn and keeps the partial reply.
 */
public class ChatEditor extends EditorPart {

	public static final String ID = "dev.chorus.ui.editors.chat"; //$NON-NLS-1$
	/** Properties tested by command enablement; re-evaluated when a run's state changes. */
	public static final String RUN_GENERATING_PROPERTY = "dev.chorus.ui.run.generating"; //$NON-NLS-1$
	public static final String RUN_HAS_SESSION_PROPERTY = "dev.chorus.ui.run.hasSession"; //$NON-NLS-1$
	public static final String RUN_HAS_ENTRIES_PROPERTY = "dev.chorus.ui.run.hasEntries"; //$NON-NLS-1$

	/** The key binding context active while a chat editor is. */
	public static final String CHAT_CONTEXT_ID = "dev.chorus.ui.chatContext"; //$NON-NLS-1$

	private static final int TAB_ICON_SIZE = 16;

	private Run run;
	private final RunSelectionProvider selection = new RunSelectionProvider(() -> run);
	private ChatTranscript transcript;
	private Text input;
	private Button sendOrStop;
	private Label status;
	private ChatControls controls;
	private AttachmentTray attachments;
	private FileMentions mentions;
	private final RunEventBuffer queue = new RunEventBuffer();
	private final AtomicBoolean drainScheduled = new AtomicBoolean();
	private final IRunListener listener = new IRunListener() {
		@Override
		public void handle(RunEvent event) {
			enqueue(event);
		}

		@Override
		public boolean isBehind() {
			// The UI thread has not come for this chat's events for a while: it is short of CPU
			// (many streams at full speed); the run slows its stream until the screen catches up.
			return queue.waitingNanos() > BEHIND_NANOS;
		}
	};
	private static final long BEHIND_NANOS = 100_000_000;
	/**
	 * While the transcript is released: the run's events that matter to a chat out of sight (its
	 * state and title), and the questions of the agent asked meanwhile, shown when it comes back.
	 */
	private final IRunListener whileReleased = this::handleWhileReleased;
	private final List<RunEvent.PermissionRequested> questionsWhileReleased = new java.util.concurrent.CopyOnWriteArrayList<>();
	private final AtomicBoolean releasedUpdateScheduled = new AtomicBoolean();
	/** Brings a chat that streamed in a background tab up to date when it is shown. */
	private final IPartListener2 visibility = new IPartListener2() {
		@Override
		public void partVisible(IWorkbenchPartReference reference) {
			if (reference.getPart(false) == ChatEditor.this && transcript != null) {
				if (transcript.isReleased()) {
					restoreTranscript();
				} else {
					transcript.shown();
				}
				RecentChats.shown(ChatEditor.this);
			}
		}
	};

	@Override
	public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
		if (!(editorInput instanceof ChatEditorInput chatInput)) {
			throw new PartInitException("A chat editor opens a ChatEditorInput"); //$NON-NLS-1$
		}
		setSite(site);
		setInput(editorInput);
		run = chatInput.getRun();
		setPartName(editorInput.getName());
	}

	public Run getRun() {
		return run;
	}

	/** The transcript widget, for tests. */
	public ChatTranscript getTranscript() {
		return transcript;
	}

	/** The message input, for tests. */
	public Text getInput() {
		return input;
	}

	/** The Send/Stop button, for tests. */
	public Button getSendOrStopButton() {
		return sendOrStop;
	}

	@Override
	public void createPartControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(root);
		transcript = new ChatTranscript(root);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(transcript.getControl());

		Label separator = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(separator);

		Composite bottom = new Composite(root, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 8).spacing(8, 4).applyTo(bottom);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bottom);
		input = new Text(bottom, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, false).hint(200, 3 * input.getLineHeight() + 6).applyTo(input);
		input.addListener(SWT.Traverse, event -> {
			if (event.detail == SWT.TRAVERSE_RETURN && (event.stateMask & SWT.SHIFT) == 0 && !isAssisting()) {
				event.doit = false;
				event.detail = SWT.TRAVERSE_NONE;
				send();
			}
		});
		input.addListener(SWT.KeyDown, event -> {
			if ((event.keyCode == SWT.CR || event.keyCode == SWT.KEYPAD_CR) && (event.stateMask & SWT.SHIFT) == 0 && !isAssisting()) {
				event.doit = false;
			}
		});
		sendOrStop = new Button(bottom, SWT.PUSH);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.END).hint(90, SWT.DEFAULT).applyTo(sendOrStop);
		sendOrStop.addListener(SWT.Selection, event -> {
			if (run.isGenerating()) {
				run.stop();
			} else {
				send();
			}
		});
		controls = new ChatControls(bottom, input, () -> run);
		controls.getControl().moveAbove(input);
		attachments = new AttachmentTray(bottom, input, () -> run.getFolder(), problem -> status.setText(problem));
		mentions = new FileMentions(input, () -> run.getFolder(), attachments);
		status = new Label(bottom, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(status);

		// The theme's colours now rather than at the next event loop: the entries below derive
		// their own colours from the transcript's.
		IStylingEngine theme = getSite().getService(IStylingEngine.class);
		if (theme != null) {
			theme.style(root);
		}
		getSite().setSelectionProvider(selection);
		getSite().getPage().addPartListener(visibility);
		IContextService contexts = getSite().getService(IContextService.class);
		if (contexts != null) {
			contexts.activateContext(CHAT_CONTEXT_ID);
		}
		AgentProfile agent = agent();
		transcript.setAgent(agentName(agent), agent == null ? null : AgentImages.get().avatar(agent, 24));
		List<TranscriptEntry> snapshot = run.subscribe(listener);
		transcript.setEntries(snapshot);
		buildEmptyState();
		updateState();
		RecentChats.shown(this);
		controls.refresh();
		// An agent that offers options and commands before the first message is asked for them now.
		run.connect();
	}

	/** Whether a completion list of the input is open: Enter then takes an entry rather than sending. */
	private boolean isAssisting() {
		return controls.isAssisting() || mentions.isAssisting();
	}

	/**
	 * Attaches a file or a selection to the next message (Send Selection to Chat); refuses, with
	 * the reason under the input, one outside the agent's folder.
	 *
	 * @return whether it was attached
	 */
	public boolean attach(dev.chorus.core.transcript.Attachment attachment) {
		return attachments.add(attachment);
	}

	/** The attachments of the next message, for tests. */
	public List<dev.chorus.core.transcript.Attachment> getPendingAttachments() {
		return attachments.pending();
	}

	/** The pickers of the agent's options (a combo or a check button each), for tests. */
	public List<org.eclipse.swt.widgets.Control> getOptionPickers() {
		return controls.getPickers();
	}

	/** The slash-command assist of the input, for tests. */
	public org.eclipse.jface.fieldassist.ContentProposalAdapter getCommandAssist() {
		return controls.getAssist();
	}

	/** The context usage shown, for tests. */
	public String getContextUsageText() {
		return controls.getUsageText();
	}

	/** What the command being typed takes after it, as shown under the input; for tests. */
	public String getCommandHint() {
		return controls.getCommandHint();
	}

	/** Whether the chat is in sight (its tab selected in a visible editor stack). */
	boolean isShown() {
		return transcript != null && !transcript.getControl().isDisposed() && transcript.getControl().isVisible();
	}

	/**
	 * Gives back the widgets of the transcript of a chat out of sight (see {@link RecentChats}); a
	 * chat that is generating or that waits for an answer keeps them.
	 */
	void releaseTranscript() {
		if (transcript == null || transcript.getControl().isDisposed() || run.isGenerating() || !transcript.canRelease()) {
			return;
		}
		questionsWhileReleased.clear();
		// One listener takes over from the other with no gap; the entries are the run's to keep.
		run.subscribe(whileReleased);
		run.unsubscribe(listener);
		queue.clear();
		transcript.release();
		if (run.isGenerating()) {
			// A turn started as the listeners changed over.
			restoreTranscript();
		}
	}

	/** Builds the transcript again from the run's entries, where the user left it. */
	private void restoreTranscript() {
		List<TranscriptEntry> snapshot = run.subscribe(listener);
		run.unsubscribe(whileReleased);
		transcript.restore(snapshot);
		controls.refresh();
		// Both listeners may have seen a question while swapping; the transcript shows each once.
		for (RunEvent.PermissionRequested question : questionsWhileReleased) {
			transcript.handle(question);
		}
		questionsWhileReleased.clear();
	}

	/** Called on any thread by the run while the transcript is released. */
	private void handleWhileReleased(RunEvent event) {
		switch (event) {
		case RunEvent.PermissionRequested requested -> questionsWhileReleased.add(requested);
		case RunEvent.PermissionClosed closed -> questionsWhileReleased.removeIf(asked -> asked.pending() == closed.pending());
		case RunEvent.StateChanged changed -> scheduleReleasedUpdate();
		case RunEvent.TitleChanged titled -> scheduleReleasedUpdate();
		default -> {
			// The run keeps its entries; the transcript reads them when it is shown again.
		}
		}
	}

	private void scheduleReleasedUpdate() {
		if (releasedUpdateScheduled.compareAndSet(false, true)) {
			Display display = PlatformUI.getWorkbench().getDisplay();
			if (!display.isDisposed()) {
				display.asyncExec(this::releasedUpdate);
			}
		}
	}

	private void releasedUpdate() {
		releasedUpdateScheduled.set(false);
		if (transcript == null || transcript.getControl().isDisposed() || !transcript.isReleased()) {
			return;
		}
		showTitle();
		if (!showState() && run.isGenerating()) {
			// A turn started out of sight: the chat streams into its widgets as any other.
			restoreTranscript();
		}
	}

	private AgentProfile agent() {
		return ChorusCore.getDefault().agents().get(run.getAgentId()).orElse(null);
	}

	private String agentName(AgentProfile agent) {
		return agent == null ? run.getAgentId() : agent.displayName();
	}

	private void buildEmptyState() {
		EmptyChat.build(transcript.getEmptyStateArea(), agent(), agentName(agent()), run.getAgentId(),
				other -> Chats.rehome(this, other));
	}

	private void send() {
		String text = input.getText().strip();
		if (text.isEmpty() || run.isGenerating() || run.getState() == RunState.CLOSED) {
			return;
		}
		try {
			run.send(text, attachments.pending());
			attachments.sent();
			input.setText(""); //$NON-NLS-1$
			transcript.revealEnd();
		} catch (RuntimeException e) {
			status.setText(NLS.bind(Messages.Chat_SendFailed, e.getMessage()));
		}
	}

	/** Called on any thread by the run; hands the event to the UI thread in order. */
	private void enqueue(RunEvent event) {
		queue.add(event);
		scheduleDrain();
	}

	private void scheduleDrain() {
		if (drainScheduled.compareAndSet(false, true)) {
			Display display = PlatformUI.getWorkbench().getDisplay();
			if (!display.isDisposed()) {
				display.asyncExec(this::drain);
			}
		}
	}

	private static final int MAX_EVENTS_PER_DRAIN = 500;

	private void drain() {
		drainScheduled.set(false);
		if (transcript == null || transcript.getControl().isDisposed()) {
			queue.clear();
			return;
		}
		boolean stateChanged = false;
		// A bounded share per pass (streamed text comes merged, one event per burst): a run that
		// sends many entries fast must not keep the UI thread from the user's clicks and keys.
		for (RunEvent event : queue.take(MAX_EVENTS_PER_DRAIN)) {
			transcript.handle(event);
			if (event instanceof RunEvent.StateChanged) {
				stateChanged = true;
			} else if (event instanceof RunEvent.TitleChanged) {
				showTitle();
			} else if (event instanceof RunEvent.SessionStateChanged) {
				controls.refresh();
			}
		}
		if (!queue.isEmpty()) {
			scheduleDrain();
		}
		if (stateChanged) {
			showState();
		}
	}

	private void showTitle() {
		setPartName(getEditorInput().getName());
		firePropertyChange(PROP_INPUT);
	}

	/** Shows the run's state; returns whether the chat closed with its run. */
	private boolean showState() {
		updateState();
		if (run.getState() == RunState.CLOSED) {
			// Closed from elsewhere (its agent was deleted, Stop All at exit): the chat goes too.
			getSite().getPage().closeEditor(this, false);
			return true;
		}
		return false;
	}

	private void updateState() {
		if (sendOrStop.isDisposed()) {
			return;
		}
		boolean generating = run.isGenerating();
		boolean closed = run.getState() == RunState.CLOSED;
		sendOrStop.setText(generating ? Messages.Chat_Stop : Messages.Chat_Send);
		sendOrStop.setEnabled(!closed);
		input.setEnabled(!closed);
		AgentProfile agent = agent();
		input.setMessage(NLS.bind(Messages.Chat_InputHint, agentName(agent)));
		status.setText(closed ? Messages.Chat_Closed
				: generating ? NLS.bind(Messages.Chat_Generating, agentName(agent)) : ""); //$NON-NLS-1$
		setTitleToolTip(agentName(agent) + ": " + getEditorInput().getName()); //$NON-NLS-1$
		if (generating) {
			BusyTabs.start(this);
		} else {
			BusyTabs.stop(this);
			setTitleImage(agent == null ? null : AgentImages.get().avatar(agent, TAB_ICON_SIZE));
		}
		IEvaluationService evaluation = getSite().getService(IEvaluationService.class);
		if (evaluation != null) {
			evaluation.requestEvaluation(RUN_GENERATING_PROPERTY);
			evaluation.requestEvaluation(RUN_HAS_SESSION_PROPERTY);
			evaluation.requestEvaluation(RUN_HAS_ENTRIES_PROPERTY);
		}
	}

	/** Shows one frame of the busy animation in the tab; called by {@link BusyTabs}. */
	void showBusyFrame(int frame) {
		AgentProfile agent = agent();
		if (agent != null && !sendOrStop.isDisposed()) {
			setTitleImage(AgentImages.get().busyAvatar(agent, TAB_ICON_SIZE, frame));
		}
	}

	/** Called when the agent's name or look changed. */
	void agentChanged() {
		AgentProfile agent = agent();
		transcript.setAgent(agentName(agent), agent == null ? null : AgentImages.get().avatar(agent, 24));
		updateState();
	}

	@Override
	public void setFocus() {
		// Activating a chat makes its agent the active one, as in the desktop app.
		if (run.getState() != RunState.CLOSED && ChorusCore.getDefault().agents().get(run.getAgentId()).isPresent()) {
			dev.chorus.ui.agents.ActiveAgent.get().setId(run.getAgentId());
		}
		if (input != null && !input.isDisposed()) {
			input.setFocus();
		}
	}

	@Override
	public void dispose() {
		BusyTabs.stop(this);
		RecentChats.closed(this);
		getSite().getPage().removePartListener(visibility);
		run.unsubscribe(listener);
		run.unsubscribe(whileReleased);
		// Closing the chat stops its run; the partial reply stays in the session.
		run.close();
		super.dispose();
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		// Everything is saved as it streams.
	}

	@Override
	public void doSaveAs() {
		// Not applicable.
	}

	@Override
	public boolean isDirty() {
		return false;
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}

	/** Switches this editor to another run (a blank chat moved to another agent). */
	void switchRun(Run newRun) {
		run.unsubscribe(listener);
		run.unsubscribe(whileReleased);
		run.close();
		run = newRun;
		setInputWithNotify(new ChatEditorInput(newRun));
		setPartName(getEditorInput().getName());
		for (org.eclipse.swt.widgets.Control child : transcript.getEmptyStateArea().getChildren()) {
			child.dispose();
		}
		AgentProfile agent = agent();
		transcript.setAgent(agentName(agent), agent == null ? null : AgentImages.get().avatar(agent, 24));
		transcript.setEntries(run.subscribe(listener));
		buildEmptyState();
		transcript.revealEnd();
		updateState();
		controls.refresh();
		run.connect();
		selection.runChanged();
	}

	Image currentTitleImage() {
		return getTitleImage();
	}
}
