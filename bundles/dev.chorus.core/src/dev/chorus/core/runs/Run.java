package dev.chorus.core.runs;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ContextUsage;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.SlashCommand;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionWriter;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.Problem;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * One live conversation: a run id, its agent (fixed for the run) and its session (created by the
 * first message). It keeps the transcript in memory, writes every change to the session file as it
 * happens, and tells its own listeners, each event tagged with this run's id. Mutations and their
 * events happen under one lock, so {@link #subscribe} hands out a snapshot and the events after
 * it, nothing missed and nothing twice.
 */
public final class Run {

	/** Titles are the first message, cut to this many characters. */
	public static final int TITLE_LENGTH = 60;

	private final String runId = UUID.randomUUID().toString();
	private final String agentId;
	/** The folder of this run (a project's), or {@code null} for the agent's own. */
	private final String workingDirectory;
	private final RunRegistry registry;
	private final Object lock = new Object();
	private final List<IRunListener> listeners = new CopyOnWriteArrayList<>();
	/** Entries, each with the text streamed so far. */
	private final List<TranscriptEntry> entries = new ArrayList<>();
	private final List<StringBuilder> texts = new ArrayList<>();

	private volatile String sessionId;
	private volatile String title = ""; //$NON-NLS-1$
	private volatile RunState state = RunState.IDLE;
	private volatile RunTurnJob job;
	private SessionWriter writer;
	private IConversation conversation;
	private String backendSessionId;
	private final RunSessionState sessionState;
	/** Whether the user named the session: then titles the agent gives are not taken. */
	private volatile boolean titledByUser;
	private volatile RunSetupJob connecting;
	/** Keeps the run's jobs that open its conversation from overlapping. */
	private final ISchedulingRule rule = new ISchedulingRule() {
		@Override
		public boolean contains(ISchedulingRule other) {
			return other == this;
		}

		@Override
		public boolean isConflicting(ISchedulingRule other) {
			return other == this;
		}
	};

	Run(RunRegistry registry, String agentId, String workingDirectory, SessionInfo session, List<TranscriptEntry> transcript) {
		this(registry, agentId, workingDirectory, session, transcript, java.util.Map.of());
	}

	Run(RunRegistry registry, String agentId, String workingDirectory, SessionInfo session, List<TranscriptEntry> transcript,
			java.util.Map<String, String> configChoices) {
		this.registry = registry;
		this.agentId = agentId;
		this.sessionState = new RunSessionState(this, configChoices);
		this.workingDirectory = session != null ? session.workingDirectory() : workingDirectory;
		if (session != null) {
			this.sessionId = session.id();
			this.title = session.title() == null ? "" : session.title(); //$NON-NLS-1$
			this.backendSessionId = session.backendSessionId();
			for (TranscriptEntry entry : transcript) {
				entries.add(entry);
				texts.add(new StringBuilder(entry.text()));
			}
		}
	}

	public String getRunId() {
		return runId;
	}

	public String getAgentId() {
		return agentId;
	}

	/**
	 * The folder this run works in when it was started for one (a project in the Eclipse IDE), or
	 * {@code null} when it uses its agent's.
	 */
	public String getWorkingDirectory() {
		return workingDirectory;
	}

	/** The folder the agent works in for this run: its files are the ones it may read, write and be given. */
	public java.nio.file.Path getFolder() {
		return RunConversations.folder(this);
	}

	/** The session, or {@code null} before the first message. */
	public String getSessionId() {
		return sessionId;
	}

	public String getTitle() {
		return title;
	}

	public RunState getState() {
		return state;
	}

	public boolean isGenerating() {
		return state == RunState.GENERATING;
	}

	/** A run with no session and nothing in it: New Chat reuses it instead of opening another. */
	boolean isBlank() {
		synchronized (lock) {
			return sessionId == null && state == RunState.IDLE && entries.isEmpty();
		}
	}

	/** The job of the turn in flight, or {@code null}. */
	public RunTurnJob getJob() {
		return job;
	}

	/** Registers the listener and returns the transcript as it is at that moment. */
	public List<TranscriptEntry> subscribe(IRunListener listener) {
		synchronized (lock) {
			listeners.add(listener);
			return snapshotLocked();
		}
	}

	/** Stops the events to that listener; once this returns, none is being handed to it either. */
	public void unsubscribe(IRunListener listener) {
		synchronized (lock) {
			listeners.remove(listener);
		}
	}

	public List<TranscriptEntry> snapshot() {
		synchronized (lock) {
			return snapshotLocked();
		}
	}

	private List<TranscriptEntry> snapshotLocked() {
		List<TranscriptEntry> copy = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			copy.add(entries.get(i).withText(texts.get(i).toString()));
		}
		return copy;
	}

	/**
	 * Sends a message: records it, creates the session on the first one, and starts the turn's job.
	 *
	 * @throws IllegalStateException when a turn is in flight or the run is closed
	 */
	public void send(String userText) {
		send(userText, List.of());
	}

	/**
	 * Sends a message with files, selections or images attached: they are stored with the message
	 * and go to the agent in the form its backend takes.
	 *
	 * @throws IllegalStateException when a turn is in flight or the run is closed
	 */
	public void send(String userText, List<dev.chorus.core.transcript.Attachment> attachments) {
		synchronized (lock) {
			if (state != RunState.IDLE) {
				throw new IllegalStateException(state == RunState.CLOSED ? CoreMessages.Run_Closed : CoreMessages.Run_Busy);
			}
			try {
				ensureSession(userText);
			} catch (IOException e) {
				throw new IllegalStateException(NLS.bind(CoreMessages.Run_SessionFailed, e.getMessage()), e);
			}
			addEntry(new TranscriptEntry(entries.size(), EntryKind.USER, Instant.now(), userText, EntryState.COMPLETE, null, null,
					null, null, attachments));
			setState(RunState.GENERATING);
			job = new RunTurnJob(this, userText, attachments);
		}
		job.schedule();
	}

	private void ensureSession(String firstMessage) throws IOException {
		if (sessionId == null) {
			SessionInfo session = registry.sessions().create(agentId, workingDirectory);
			sessionId = session.id();
			registry.sessionAssigned(this);
		}
		if (writer == null) {
			writer = registry.sessions().openWriter(sessionId);
			if (backendSessionId != null && registry.sessions().get(sessionId)
					.map(info -> !backendSessionId.equals(info.backendSessionId())).orElse(true)) {
				// Connected before the first message: the agent's session id is known already.
				writer.backendSessionId(backendSessionId);
			}
			for (java.util.Map.Entry<String, String> choice : sessionState.choices().entrySet()) {
				// Options chosen before the first message are the session's too.
				writer.configChoice(choice.getKey(), choice.getValue());
			}
		}
		if (title.isBlank()) {
			renameLocked(titleFrom(firstMessage));
		}
	}

	static String titleFrom(String message) {
		// The first line's words, without the Markdown marks that would show raw in a tab.
		String line = message.strip().replaceAll("(?m)^\\s*(#{1,6}|>|[-*+]|\\d+[.)])\\s+", "") //$NON-NLS-1$ //$NON-NLS-2$
				.replaceAll("\\*\\*|__|`+", "") //$NON-NLS-1$ //$NON-NLS-2$
				.replaceAll("\\s+", " ").strip(); //$NON-NLS-1$ //$NON-NLS-2$
		if (line.isEmpty()) {
			line = message.strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1).strip() + '\u2026';
	}

	/** Renames the session. */
	public void rename(String newTitle) {
		titledByUser = true;
		renameTo(newTitle);
	}

	/** The agent named the conversation: taken unless the user named it. */
	void titleFromAgent(String newTitle) {
		if (!titledByUser && !newTitle.equals(title)) {
			renameTo(newTitle.length() <= TITLE_LENGTH ? newTitle : newTitle.substring(0, TITLE_LENGTH - 1).strip() + '\u2026');
		}
	}

	private void renameTo(String newTitle) {
		synchronized (lock) {
			if (sessionId == null) {
				title = newTitle;
				emit(new RunEvent.TitleChanged(runId, newTitle));
				return;
			}
			try {
				if (writer == null) {
					writer = registry.sessions().openWriter(sessionId);
				}
				renameLocked(newTitle);
			} catch (IOException e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}
	}

	private void renameLocked(String newTitle) throws IOException {
		title = newTitle;
		writer.title(newTitle);
		emit(new RunEvent.TitleChanged(runId, newTitle));
		registry.fireTitleChanged(this);
	}

	/** Stops the turn in flight, if any; returns at once, the job ends within a second. */
	public void stop() {
		RunTurnJob current = job;
		if (current != null) {
			current.cancel();
		}
	}

	/**
	 * Empties the transcript and forgets the backend's conversation: the next message starts a new
	 * one. Only while idle.
	 */
	public void clear() {
		synchronized (lock) {
			if (state != RunState.IDLE) {
				throw new IllegalStateException(CoreMessages.Run_Busy);
			}
			entries.clear();
			texts.clear();
			backendSessionId = null;
			closeConversation();
			if (writer != null) {
				try {
					writer.clear();
				} catch (IOException e) {
					log(e);
				}
			}
			emit(new RunEvent.Cleared(runId));
		}
	}

	// What the conversation offers beyond its turns.

	/** The options the agent offers now (modes, models...), with their values; empty before it connected. */
	public List<ConfigOption> getConfigOptions() {
		return sessionState.options();
	}

	/** The slash commands the agent offers now. */
	public List<SlashCommand> getCommands() {
		return sessionState.commands();
	}

	/** How much of its context window the conversation uses, or {@code null} when not reported. */
	public ContextUsage getContextUsage() {
		return sessionState.usage();
	}

	/**
	 * Connects to the agent now, in the background, when its backend shows options and commands
	 * before the first message (an ACP agent); otherwise, or when connected, does nothing.
	 */
	public void connect() {
		synchronized (lock) {
			if (state == RunState.CLOSED || conversation != null || connecting != null && connecting.getState() != org.eclipse.core.runtime.jobs.Job.NONE
					|| !RunConversations.connectsWhenShown(this)) {
				return;
			}
			connecting = new RunSetupJob(this, null, null);
		}
		connecting.schedule();
	}

	/**
	 * Changes one of the options the agent offers, in the background; the new values come back as
	 * a {@link RunEvent.SessionStateChanged}, a refusal as an error entry. The choice is stored with
	 * the session and applied again when it is resumed.
	 */
	public void setConfigOption(String optionId, String value) {
		if (state != RunState.CLOSED) {
			new RunSetupJob(this, optionId, value).schedule();
		}
	}

	/**
	 * Logs out of the agent, in the background, where it offers that; the conversation ends and
	 * the next message (or the chat being shown) connects, and logs in, again.
	 */
	public void logOut() {
		if (state == RunState.CLOSED) {
			return;
		}
		org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(NLS.bind(CoreMessages.Run_LoggingOut, agentName()), monitor -> {
			try {
				RunConversations.open(this, monitor).logOut(monitor);
				synchronized (lock) {
					if (this.job == null) {
						closeConversation();
					}
				}
			} catch (dev.chorus.core.backend.BackendException e) {
				addProblem(e.toProblem());
			}
		});
		job.setRule(rule);
		job.schedule();
	}

	/** Whether the agent of the open conversation offers to log out. */
	public boolean canLogOut() {
		IConversation open = conversation();
		return open != null && open.canLogOut();
	}

	/** The agent took the user's value: stored with the session. */
	void configChosen(String optionId, String value) {
		synchronized (lock) {
			sessionState.chosen(optionId, value);
			persist(w -> w.configChoice(optionId, value));
		}
	}

	/**
	 * Asks the user and waits for the answer (see {@link RunQuestion}).
	 *
	 * @return the chosen option's id, or empty when it was dropped or cancelled
	 */
	java.util.Optional<String> ask(dev.chorus.core.backend.PermissionRequest request, org.eclipse.core.runtime.IProgressMonitor monitor) {
		return RunQuestion.ask(this, request, monitor);
	}

	private String replayedMessage;
	private boolean replayedUser;

	/** History the agent replays into a chat that has none: pieces of one message join one entry. */
	void replayed(boolean user, String messageId, String text) {
		synchronized (lock) {
			try {
				if (writer == null && sessionId != null) {
					writer = registry.sessions().openWriter(sessionId);
				}
			} catch (IOException e) {
				log(e);
			}
			boolean same = !entries.isEmpty() && replayedUser == user
					&& (messageId == null ? replayedMessage == null : messageId.equals(replayedMessage));
			if (same) {
				appendText(entries.size() - 1, text);
			} else {
				addEntry(TranscriptEntry.text(0, user ? EntryKind.USER : EntryKind.ASSISTANT, Instant.now(), text, EntryState.COMPLETE));
			}
			replayedMessage = messageId;
			replayedUser = user;
		}
	}

	RunSessionState sessionState() {
		return sessionState;
	}

	ISchedulingRule rule() {
		return rule;
	}

	String agentName() {
		return registry.agents().get(agentId).map(AgentProfile::displayName).orElse(agentId);
	}

	/** Stops the turn, releases the backend and leaves the registry. Final. */
	public void close() {
		RunSetupJob setup = connecting;
		if (setup != null) {
			setup.cancel();
		}
		RunTurnJob current;
		synchronized (lock) {
			if (state == RunState.CLOSED) {
				return;
			}
			current = job;
			setState(RunState.CLOSED);
		}
		if (current != null) {
			current.cancel();
		} else {
			release();
		}
		registry.closed(this);
	}

	/** Frees the conversation and the session file; by the job when it ends after a close. */
	void release() {
		synchronized (lock) {
			closeConversation();
			if (writer != null) {
				try {
					writer.close();
				} catch (IOException e) {
					log(e);
				}
				writer = null;
			}
		}
	}

	private void closeConversation() {
		IConversation open = conversation;
		conversation = null;
		if (open != null) {
			sessionState.reset(false);
			try {
				open.close();
			} catch (RuntimeException e) {
				log(e);
			}
		}
	}

	// Used by the turn job.

	RunRegistry registry() {
		return registry;
	}

	IConversation conversation() {
		synchronized (lock) {
			return conversation;
		}
	}

	void setConversation(IConversation open) {
		synchronized (lock) {
			conversation = open;
		}
	}

	String backendSessionId() {
		synchronized (lock) {
			return backendSessionId;
		}
	}

	void rememberBackendSessionId(String id) {
		synchronized (lock) {
			if (id.equals(backendSessionId)) {
				return;
			}
			backendSessionId = id;
			if (writer != null) {
				try {
					writer.backendSessionId(id);
				} catch (IOException e) {
					log(e);
				}
			}
		}
	}

	/** The conversation before the message just sent: what stateless backends resend. */
	List<HistoryMessage> history() {
		synchronized (lock) {
			List<HistoryMessage> history = new ArrayList<>();
			int last = entries.size() - 1;
			for (int i = 0; i < last; i++) {
				TranscriptEntry entry = entries.get(i);
				String text = texts.get(i).toString();
				if (entry.kind() == EntryKind.USER) {
					history.add(new HistoryMessage(HistoryMessage.USER, dev.chorus.core.backend.AttachmentText.inline(text, entry.attachments())));
				} else if (entry.kind() == EntryKind.ASSISTANT && !text.isBlank()) {
					history.add(new HistoryMessage(HistoryMessage.ASSISTANT, text));
				}
			}
			return history;
		}
	}

	/** Adds an entry: recorded, then told. Returns its index. */
	int addEntry(TranscriptEntry entry) {
		synchronized (lock) {
			TranscriptEntry placed = entry.at(entries.size());
			entries.add(placed);
			texts.add(new StringBuilder(placed.text()));
			persist(w -> w.add(placed));
			emit(new RunEvent.EntryAdded(runId, placed));
			return placed.index();
		}
	}

	void appendText(int index, String delta) {
		synchronized (lock) {
			if (index >= texts.size()) {
				return;
			}
			texts.get(index).append(delta);
			persist(w -> w.append(index, delta));
			emit(new RunEvent.TextAppended(runId, index, delta));
		}
	}

	TranscriptEntry entry(int index) {
		synchronized (lock) {
			return entries.get(index).withText(texts.get(index).toString());
		}
	}

	int size() {
		synchronized (lock) {
			return entries.size();
		}
	}

	/** Replaces an entry (its text kept as streamed unless the update brings one). */
	void updateEntry(TranscriptEntry updated) {
		synchronized (lock) {
			int index = updated.index();
			if (index >= entries.size()) {
				return;
			}
			entries.set(index, updated);
			texts.set(index, new StringBuilder(updated.text()));
			persist(w -> w.update(updated));
			emit(new RunEvent.EntryUpdated(runId, updated));
		}
	}

	void addProblem(Problem problem) {
		addEntry(new TranscriptEntry(0, EntryKind.ERROR, Instant.now(), null, EntryState.COMPLETE, null, null, null, problem));
	}

	/** How long a stream waits after each piece of text while a listener is behind. */
	private static final long PACE_NANOS = 1_000_000;

	/**
	 * Waits a moment when a listener is behind (see {@link IRunListener#isBehind()}); called by the
	 * turn after each piece of streamed text, outside the run's lock. A model writing at a human
	 * pace never meets it; a server at full speed beside a starved UI thread is slowed to about a
	 * thousand pieces a second until the UI catches up.
	 */
	void paceToListeners() {
		for (IRunListener listener : listeners) {
			if (listener.isBehind()) {
				java.util.concurrent.locks.LockSupport.parkNanos(PACE_NANOS);
				return;
			}
		}
	}

	void emit(RunEvent event) {
		synchronized (lock) {
			for (IRunListener listener : listeners) {
				try {
					listener.handle(event);
				} catch (RuntimeException e) {
					log(e);
				}
			}
		}
	}

	/** Ends the turn of that job: back to idle (unless closed meanwhile), the file forced to disk. */
	void turnEnded(RunTurnJob ended) {
		boolean closed;
		synchronized (lock) {
			if (job != ended) {
				return; // told late about a turn that is over; another may be under way
			}
			job = null;
			if (writer != null) {
				try {
					writer.sync();
				} catch (IOException e) {
					log(e);
				}
			}
			closed = state == RunState.CLOSED;
			if (!closed) {
				setState(RunState.IDLE);
			}
		}
		if (closed) {
			release();
		}
	}

	private void setState(RunState newState) {
		RunState old = state;
		if (old == newState) {
			return;
		}
		state = newState;
		emit(new RunEvent.StateChanged(runId, old, newState));
		registry.fireStateChanged(this, old, newState);
	}

	private interface WriterAction {
		void apply(SessionWriter writer) throws IOException;
	}

	private void persist(WriterAction action) {
		if (writer == null) {
			return;
		}
		try {
			action.apply(writer);
		} catch (IOException e) {
			log(e);
		}
	}

	static void log(Throwable e) {
		try {
			ILog.of(Run.class).log(new Status(IStatus.ERROR, "dev.chorus.core", e.getMessage(), e)); //$NON-NLS-1$
		} catch (RuntimeException | LinkageError notInOsgi) {
			e.printStackTrace();
		}
	}

	Optional<String> optionalSessionId() {
		return Optional.ofNullable(sessionId);
	}

	@Override
	public String toString() {
		return "Run[" + runId + ", agent " + agentId + ", session " + sessionId + ", " + state + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
