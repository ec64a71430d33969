package dev.chorus.ui.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.runs.Run;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.sessions.SessionWriter;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.views.SessionsView;

/**
 * Benchmarks of the workbench, run by {@code ./chorus bench-ui} in the real product under the UI
 * harness: memory with many long chats open, live streaming into open chats, and sessions at
 * scale. They print figures; they pass whatever the figures are.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class UiBenchmark {

	private static final String OPENAI = "dev.chorus.backend.openai";

	private final Display display = Display.getCurrent();
	private final IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	private final ChorusCore core = ChorusCore.getDefault();

	// ---------------------------------------------------------------- helpers

	/** Runs the event loop until nothing is left to do. */
	private void settle() {
		int idle = 0;
		while (idle < 3) {
			idle = display.readAndDispatch() ? 0 : idle + 1;
		}
	}

	/** Runs the event loop for {@code millis}, then until nothing is left to do. */
	private void settle(long millis) {
		run(millis);
		settle();
	}

	/** Runs the event loop for {@code millis}, busy or not. */
	private void run(long millis) {
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(5, () -> {
				});
				display.sleep();
			}
		}
	}

	private void until(String what, long timeoutMillis, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				throw new AssertionError("timed out waiting for " + what);
			}
			if (!display.readAndDispatch()) {
				display.timerExec(5, () -> {
				});
				display.sleep();
			}
		}
	}

	private static long rssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException e) {
			// Not Linux: no figure.
		}
		return -1;
	}

	private static double heapMbAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
	}

	private String agent(String name, String url) throws Exception {
		String id = core.agents().create(name, OPENAI).id();
		core.agents().updateSettings(id, OPENAI, Map.of(OpenAiBackend.BASE_URL, url, OpenAiBackend.MODEL, "bench"));
		return id;
	}

	private static final String ANSWER = "Here is what I found about **%d**:\n\n- the first point, with `code`\n- the second point\n\n"
			+ "A longer paragraph that explains the answer in a few sentences, as agents do, so that each message has a realistic "
			+ "length and wraps over a couple of lines in the chat.";

	private static final String CODE = "\n\n```java\nint answer = %d;\nSystem.out.println(answer);\n```";

	/** A stored session of the agent with {@code messages} messages, as a finished conversation leaves it. */
	private SessionInfo session(String agentId, int messages, String title) throws IOException {
		SessionInfo session = core.sessions().create(agentId);
		try (SessionWriter writer = core.sessions().openWriter(session.id())) {
			writer.title(title);
			Instant time = Instant.now();
			for (int i = 0; i < messages; i++) {
				boolean user = i % 2 == 0;
				String text = user ? "Question number " + i + " about " + title
						: String.format(ANSWER, i) + (i % 10 == 1 ? String.format(CODE, i) : "");
				writer.add(TranscriptEntry.text(i, user ? EntryKind.USER : EntryKind.ASSISTANT, time, text, EntryState.COMPLETE));
			}
		}
		return core.sessions().get(session.id()).orElseThrow();
	}

	private static double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
	}

	private static void print(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
	}

	// ---------------------------------------------------------------- benchmarks

	/** Whether the benchmark is among those asked for ({@code -Dchorus.bench.only=memory,streaming,scale}). */
	private static boolean wanted(String name) {
		String only = System.getProperty("chorus.bench.only", "");
		return only.isBlank() || java.util.Arrays.asList(only.split(",")).contains(name);
	}

	@Test
	public void a_memoryWithLongChatsOpen() throws Exception {
		if (!wanted("memory")) {
			return;
		}
		page.closeAllEditors(false);
		settle(500);
		double heapIdle = heapMbAfterGc();
		long rssIdle = rssKb();
		String agent = agent("Memory", "http://127.0.0.1:9/v1");
		List<SessionInfo> sessions = new ArrayList<>();
		int most = java.util.Arrays.stream(System.getProperty("chorus.bench.chats", "10,50").split(",")).mapToInt(c -> Integer.parseInt(c.strip())).max().orElse(0);
		for (int i = 0; i < most; i++) {
			sessions.add(session(agent, 2000, "Long chat " + i));
		}
		print("## Memory (product idle, then chats of 2,000 messages open)");
		print("| chats open | heap after GC | resident memory | time to open one chat |");
		print("| ---: | ---: | ---: | ---: |");
		print("| 0 | %.0f MB | %d MB | |", heapIdle, rssIdle / 1024);
		if (most == 0) {
			return;
		}
		int opened = 0;
		List<ChatEditor> chats = new ArrayList<>();
		for (String step : System.getProperty("chorus.bench.chats", "10,50").split(",")) {
			int target = Integer.parseInt(step.strip());
			long start = System.nanoTime();
			int first = opened;
			for (; opened < target; opened++) {
				chats.add(Chats.resume(page, sessions.get(opened).id()));
				settle(0);
			}
			double perChat = (System.nanoTime() - start) / 1e6 / (opened - first);
			settle(500);
			print("| %d | %.0f MB | %d MB | %.0f ms |", target, heapMbAfterGc(), rssKb() / 1024, perChat);
		}
		// Back to the chat shown last but one (its widgets kept), then to the one out of sight
		// longest (given back if more chats are open than are kept, then built again).
		long start = System.nanoTime();
		page.activate(chats.get(chats.size() - 2));
		settle(0);
		print("| switching to the chat shown before | | | %.0f ms |", (System.nanoTime() - start) / 1e6);
		start = System.nanoTime();
		page.activate(chats.get(0));
		settle(0);
		print("| switching to the chat shown first | | | %.0f ms |", (System.nanoTime() - start) / 1e6);
		start = System.nanoTime();
		page.closeEditor(chats.get(chats.size() - 1), false);
		settle(0);
		print("| closing one chat | | | %.0f ms |", (System.nanoTime() - start) / 1e6);
		long closing = System.nanoTime();
		page.closeAllEditors(false);
		settle();
		print("| closing all %d chats | | | %.0f ms per chat |", opened - 1, (System.nanoTime() - closing) / 1e6 / (opened - 1));
	}

	@Test
	public void b_liveStreamingIntoOpenChats() throws Exception {
		if (!wanted("streaming")) {
			return;
		}
		for (long delay : new long[] { 0, 10 }) {
			streaming(delay);
		}
	}

	private int streamers;

	/** Tokens of the bench server (the moment each left it, in nanoseconds) in a text. */
	private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\d{10,}"); //$NON-NLS-1$

	/** The bench server's token at the end of a painted text, or -1; cheap, as it runs at every paint. */
	private static long lastToken(StyledText text) {
		int count = text.getCharCount();
		if (count < 24) {
			return -1;
		}
		String tail = text.getTextRange(count - 24, 24);
		int end = tail.length();
		while (end > 0 && !Character.isDigit(tail.charAt(end - 1))) {
			end--;
		}
		int begin = end;
		while (begin > 0 && Character.isDigit(tail.charAt(begin - 1))) {
			begin--;
		}
		return end - begin >= 10 ? Long.parseLong(tail.substring(begin, end)) : -1;
	}

	/**
	 * Runs 1, 4 and 16 chats streaming at once, each token {@code delay} ms after the last (0: full
	 * speed). The chats are tabs of one editor stack, as users keep them: the one in front is on
	 * screen, the others stream in the background.
	 */
	private void streaming(long delay) throws Exception {
		try (LoopbackOpenAiServer server = new LoopbackOpenAiServer()) {
			// Every token is the moment it leaves the server, so the screen can tell how old it is.
			// Paragraphs of 50 tokens, as models write them.
			server.setReplies(request -> {
				int[] count = { 0 };
				return new LoopbackOpenAiServer.Generated(() -> System.nanoTime() + (++count[0] % 50 == 0 ? "\n\n" : " "), delay);
			});
			print(delay == 0 ? "## Live streaming into open chats (loopback server at full speed, 5 s each)"
					: "## Live streaming into open chats (each run %d tokens/s, as fast models write, 5 s each)", 1000 / Math.max(1, delay));
			print("| runs | tokens/s received, all chats | tokens/s on screen | token to screen, median | p99 | UI thread busy | UI event delay, median | p99 | background chat brought to front |");
			print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
			for (int runs : new int[] { 1, 4, 16 }) {
				page.closeAllEditors(false);
				settle(300);
				List<ChatEditor> chats = new ArrayList<>();
				for (int i = 0; i < runs; i++) {
					chats.add(Chats.newChat(page, agent("Streamer " + streamers++, server.baseUrl())));
				}
				ChatEditor front = chats.get(chats.size() - 1);
				List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
				// A token is on screen when a paint first shows it: repaints of older text (scrolling,
				// a finished paragraph moving into its own widget) do not count again.
				long[] newestPainted = { 0 };
				Listener painted = event -> {
					if (event.widget instanceof StyledText text) {
						long token = lastToken(text);
						if (token > newestPainted[0]) {
							newestPainted[0] = token;
							latencies.add((System.nanoTime() - token) / 1e6);
						}
					}
				};
				display.addFilter(SWT.Paint, painted);
				List<Double> eventDelays = Collections.synchronizedList(new ArrayList<>());
				AtomicBoolean probing = new AtomicBoolean(true);
				Thread prober = new Thread(() -> {
					while (probing.get()) {
						long posted = System.nanoTime();
						display.asyncExec(() -> eventDelays.add((System.nanoTime() - posted) / 1e6));
						try {
							Thread.sleep(20);
						} catch (InterruptedException e) {
							return;
						}
					}
				});
				var threads = ManagementFactory.getThreadMXBean();
				for (ChatEditor chat : chats) {
					chat.getInput().setText("Stream as fast as you can");
					Event enter = new Event();
					enter.detail = SWT.TRAVERSE_RETURN;
					enter.keyCode = SWT.CR;
					enter.doit = true;
					chat.getInput().notifyListeners(SWT.Traverse, enter);
				}
				try {
					until("the first tokens on screen", 30_000, () -> !latencies.isEmpty());
				} catch (AssertionError e) {
					print("| %d | no token reached the screen within 30 s | | | | | | | |", runs);
					display.removeFilter(SWT.Paint, painted);
					core.runs().stopAll();
					page.closeAllEditors(false);
					continue;
				}
				latencies.clear();
				long receivedBefore = received(chats);
				long shownBefore = shown(front);
				long cpuStart = threads.getCurrentThreadCpuTime();
				long start = System.nanoTime();
				prober.start();
				System.err.printf("bench window: %d runs, delay %d, from %s%n", runs, delay, Instant.now());
				run(5000);
				System.err.printf("bench window: until %s%n", Instant.now());
				probing.set(false);
				double seconds = (System.nanoTime() - start) / 1e9;
				double busy = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 / seconds;
				long receivedTokens = received(chats) - receivedBefore;
				long shownTokens = shown(front) - shownBefore;
				display.removeFilter(SWT.Paint, painted);
				prober.join();
				String toFront = ""; //$NON-NLS-1$
				for (ChatEditor chat : chats) {
					chat.getRun().stop();
				}
				until("the runs to stop", 10_000, () -> chats.stream().noneMatch(chat -> chat.getRun().isGenerating()));
				if (runs > 1) {
					// The chat that streamed longest in the background comes to front: until all it
					// received is on screen.
					ChatEditor background = chats.get(0);
					long backlog = received(List.of(background));
					long switchStart = System.nanoTime();
					page.activate(background);
					try {
						long[] nextCheck = { 0 };
						until("the background chat to catch up", 60_000, () -> {
							// Counting what is shown reads every widget: not at every event.
							if (System.nanoTime() < nextCheck[0]) {
								return false;
							}
							nextCheck[0] = System.nanoTime() + 50_000_000L;
							return shown(background) >= backlog;
						});
						toFront = String.format(Locale.ROOT, "%.0f ms (%,d tokens)", (System.nanoTime() - switchStart) / 1e6, backlog);
					} catch (AssertionError e) {
						toFront = String.format(Locale.ROOT, "%,d of %,d tokens after 60 s", shown(background), backlog);
					}
				}
				run(300);
				// At full speed the chat in front repaints at most every 400 ms, each repaint showing a
				// backlog: the samples are few (the count is printed), and there may be none.
				String toScreen = latencies.isEmpty() ? "no new token painted | " //$NON-NLS-1$
						: String.format(Locale.ROOT, "%.0f ms | %.0f ms (%d paints)", percentile(latencies, 50), percentile(latencies, 99), latencies.size());
				print("| %d | %,.0f | %,.0f | %s | %.0f%% | %.1f ms | %.1f ms | %s |", runs, receivedTokens / seconds,
						shownTokens / seconds, toScreen, 100 * busy,
						percentile(eventDelays, 50), percentile(eventDelays, 99), toFront);
			}
			page.closeAllEditors(false);
			settle(300);
		}
	}

	/** Tokens the chats' runs have received so far. */
	private static long received(List<ChatEditor> chats) {
		long tokens = 0;
		for (ChatEditor chat : chats) {
			for (TranscriptEntry entry : chat.getRun().snapshot()) {
				if (entry.kind() == EntryKind.ASSISTANT) {
					tokens += TOKEN.matcher(entry.text()).results().count();
				}
			}
		}
		return tokens;
	}

	/** Tokens the chat shows on screen. */
	private static long shown(ChatEditor chat) {
		return TOKEN.matcher(chat.getTranscript().getShownText()).results().count();
	}

	@Test
	public void c_sessionsAtScale() throws Exception {
		if (!wanted("scale")) {
			return;
		}
		IViewPart view = page.findView(ChorusUI.SESSIONS_VIEW_ID);
		if (view != null) {
			page.hideView(view);
		}
		settle(200);
		long setup = System.nanoTime();
		for (int a = 0; a < 10; a++) {
			String agent = agent("Scale " + a, "http://127.0.0.1:9/v1");
			for (int i = 0; i < 1000; i++) {
				session(agent, 2, (i % 100 == 7 ? "needle " : "Topic ") + a + '-' + i);
			}
		}
		int total = core.sessions().list().size();
		print("## Sessions at scale (%,d sessions, made in %.0f s)", total, (System.nanoTime() - setup) / 1e9);
		print("| step | time |");
		print("| --- | ---: |");

		long start = System.nanoTime();
		SessionStore cold = new SessionStore(core.dataFolder().resolve("agents"));
		print("| list: read every session's summary from disk (%,d) | %.0f ms |", cold.list().size(), (System.nanoTime() - start) / 1e6);

		start = System.nanoTime();
		SessionsView sessions = (SessionsView) page.showView(ChorusUI.SESSIONS_VIEW_ID);
		until("the sessions listed", 120_000, () -> sessions.getViewer().getTable().getItemCount() >= total);
		print("| Sessions view: open and list them all | %.0f ms |", (System.nanoTime() - start) / 1e6);

		start = System.nanoTime();
		sessions.getFilterText().setText("needle");
		until("the filter", 120_000, () -> sessions.getViewer().getTable().getItemCount() == 100);
		print("| filter by a word (100 match) | %.0f ms |", (System.nanoTime() - start) / 1e6);

		start = System.nanoTime();
		sessions.getFilterText().setText("Question");
		until("the broad filter", 120_000, () -> sessions.getViewer().getTable().getItemCount() >= 10_000);
		print("| filter by a word every session holds | %.0f ms |", (System.nanoTime() - start) / 1e6);

		start = System.nanoTime();
		sessions.getFilterText().setText("");
		until("the filter cleared", 120_000, () -> sessions.getViewer().getTable().getItemCount() >= total);
		print("| clear the filter | %.0f ms |", (System.nanoTime() - start) / 1e6);

		SessionInfo some = core.sessions().list().get(5000);
		start = System.nanoTime();
		Chats.resume(page, some.id());
		settle(0);
		print("| open one of them | %.0f ms |", (System.nanoTime() - start) / 1e6);

		if (!Boolean.parseBoolean(System.getProperty("chorus.bench.hugeChat", "true"))) {
			page.closeAllEditors(false);
			return;
		}
		String big = agent("Big", "http://127.0.0.1:9/v1");
		SessionInfo huge = session(big, 20_000, "A very long chat");
		start = System.nanoTime();
		core.sessions().loadTranscript(huge.id());
		print("| read a session of 20,000 messages | %.0f ms |", (System.nanoTime() - start) / 1e6);
		double heapBefore = heapMbAfterGc();
		start = System.nanoTime();
		Chats.resume(page, huge.id());
		settle(0);
		print("| open a session of 20,000 messages in a chat | %.0f ms |", (System.nanoTime() - start) / 1e6);
		print("| heap held by that chat | %.0f MB |", heapMbAfterGc() - heapBefore);
		page.closeAllEditors(false);
		settle(300);
		core.runs().stopAll();
	}
}
