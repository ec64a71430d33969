package dev.chorus.ui.views;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.IAgentListener;
import dev.chorus.core.runs.IRunRegistryListener;
import dev.chorus.core.runs.Run;
import dev.chorus.core.sessions.ISessionListener;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.ui.agents.AgentImages;

/**
 * Every session of every agent, newest first, each with its agent's avatar and, while its run
 * generates, an animated busy ring. A filter box searches titles and messages; a choice narrows to
 * one agent. Double-click or Enter resumes (or switches to the open chat).
 */
public class SessionsView extends ViewPart {

	private static final int AVATAR_SIZE = 22;
	private static final int REFRESH_DELAY_MILLIS = 200;
	private static final int SEARCH_DELAY_MILLIS = 150;
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
			.withZone(ZoneId.systemDefault());

	private TableViewer viewer;
	private Text filterText;
	private Combo agentChoice;
	private Label emptyHint;
	private List<AgentProfile> agentsInChoice = List.of();
	/** The sessions that match the filter text, or {@code null} without a filter. */
	private java.util.Set<String> matchingIds;
	/** The filter text that {@link #searchJob} looks for. */
	private volatile String searchedQuery = ""; //$NON-NLS-1$
	/**
	 * Searches the sessions' text off the UI thread (it reads transcripts from disk), a moment
	 * after the user stops typing; a newer query cancels the older search.
	 */
	private final org.eclipse.core.runtime.jobs.Job searchJob = org.eclipse.core.runtime.jobs.Job.create(Messages.Sessions_Searching,
			monitor -> {
				String query = searchedQuery;
				java.util.Set<String> ids = new java.util.HashSet<>();
				for (SessionInfo session : ChorusCore.getDefault().sessions().search(query, monitor)) {
					ids.add(session.id());
				}
				if (monitor.isCanceled()) {
					return org.eclipse.core.runtime.Status.CANCEL_STATUS;
				}
				Display display = PlatformUI.getWorkbench().getDisplay();
				if (!display.isDisposed()) {
					display.asyncExec(() -> {
						if (viewer != null && !viewer.getControl().isDisposed() && query.equals(filterText.getText().strip())) {
							matchingIds = ids;
							viewer.refresh();
							updateEmptyHint();
						}
					});
				}
				return org.eclipse.core.runtime.Status.OK_STATUS;
			});
	private int busyFrame;
	private boolean animating;
	private boolean refreshScheduled;

	private final ISessionListener sessionListener = ISessionListener.onAnyChange(this::scheduleRefresh);

	private final IAgentListener agentListener = IAgentListener.onAnyChange(this::asyncRefreshAgents);

	private final IRunRegistryListener runListener = IRunRegistryListener.onAnyChange(this::scheduleRefresh);

	@Override
	public void createPartControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(0, 4).spacing(4, 4).numColumns(2).applyTo(root);

		filterText = new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filterText.setMessage(Messages.Sessions_Filter);
		GridDataFactory.fillDefaults().grab(true, false).indent(4, 0).applyTo(filterText);
		filterText.addListener(SWT.Modify, event -> applyFilter());

		agentChoice = new Combo(root, SWT.READ_ONLY | SWT.DROP_DOWN);
		GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).indent(0, 0).applyTo(agentChoice);
		agentChoice.addListener(SWT.Selection, event -> applyFilter());

		emptyHint = new Label(root, SWT.WRAP);
		emptyHint.setText(Messages.Sessions_Empty);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(6, 6).hint(100, SWT.DEFAULT).applyTo(emptyHint);

		Composite tableArea = new Composite(root, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(tableArea);
		TableColumnLayout columns = new TableColumnLayout();
		tableArea.setLayout(columns);
		viewer = new TableViewer(tableArea, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.getTable().setHeaderVisible(false);
		viewer.getTable().setLinesVisible(false);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		ColumnViewerToolTipSupport.enableFor(viewer);

		TableViewerColumn title = new TableViewerColumn(viewer, SWT.NONE);
		title.setLabelProvider(new TitleLabelProvider());
		columns.setColumnData(title.getColumn(), new ColumnWeightData(100, 80));
		TableViewerColumn when = new TableViewerColumn(viewer, SWT.RIGHT);
		when.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return relativeTime(((SessionInfo) element).updated());
			}

			@Override
			public org.eclipse.swt.graphics.Color getForeground(Object element) {
				return viewer.getTable().getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW);
			}
		});
		columns.setColumnData(when.getColumn(), new ColumnPixelData(70, false));
		viewer.addFilter(new ViewerFilter() {
			@Override
			public boolean select(Viewer v, Object parentElement, Object element) {
				SessionInfo session = (SessionInfo) element;
				int agentIndex = agentChoice.getSelectionIndex();
				if (agentIndex > 0 && !agentsInChoice.get(agentIndex - 1).id().equals(session.agentId())) {
					return false;
				}
				return matchingIds == null || matchingIds.contains(session.id());
			}
		});
		viewer.addOpenListener(event -> resumeSelected());
		getSite().setSelectionProvider(viewer);

		MenuManager menu = new MenuManager();
		menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
		viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));
		getSite().registerContextMenu(getSite().getId(), menu, viewer);

		searchJob.setSystem(true);
		ChorusCore core = ChorusCore.getDefault();
		core.sessions().addListener(sessionListener);
		core.agents().addListener(agentListener);
		core.runs().addRegistryListener(runListener);
		refreshAgents();
		refresh();
	}

	/** The viewer, for tests. */
	public TableViewer getViewer() {
		return viewer;
	}

	/** The filter box, for tests. */
	public Text getFilterText() {
		return filterText;
	}

	/**
	 * Resumes the session the viewer has selected, as the Resume command does; with the viewer's
	 * own selection, which the command's enablement may not have seen yet at a double-click.
	 */
	private void resumeSelected() {
		if (!(viewer.getStructuredSelection().getFirstElement() instanceof dev.chorus.core.sessions.SessionInfo session)) {
			return;
		}
		try {
			dev.chorus.ui.chat.Chats.resume(getSite().getPage(), session.id());
		} catch (Exception e) {
			org.eclipse.ui.statushandlers.StatusManager.getManager().handle(
					new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.ERROR, dev.chorus.ui.ChorusUI.PLUGIN_ID,
							e.getMessage(), e),
					org.eclipse.ui.statushandlers.StatusManager.SHOW | org.eclipse.ui.statushandlers.StatusManager.LOG);
		}
	}

	private void applyFilter() {
		String query = filterText.getText().strip();
		if (query.isEmpty()) {
			searchJob.cancel();
			matchingIds = null;
			viewer.refresh();
			updateEmptyHint();
		} else {
			search(query);
		}
	}

	private void search(String query) {
		searchJob.cancel();
		searchedQuery = query;
		searchJob.schedule(SEARCH_DELAY_MILLIS);
	}

	/**
	 * Refreshes a moment later, once for any number of changes: a streaming run changes its
	 * session many times a second, and the list need not follow every token.
	 */
	private void scheduleRefresh() {
		Display display = Display.getDefault();
		synchronized (this) {
			if (refreshScheduled) {
				return;
			}
			refreshScheduled = true;
		}
		display.asyncExec(() -> display.timerExec(REFRESH_DELAY_MILLIS, () -> {
			synchronized (this) {
				refreshScheduled = false;
			}
			refresh();
		}));
	}

	private void asyncRefreshAgents() {
		Display.getDefault().asyncExec(() -> {
			refreshAgents();
			refresh();
		});
	}

	private void refreshAgents() {
		if (agentChoice == null || agentChoice.isDisposed()) {
			return;
		}
		String selected = agentChoice.getSelectionIndex() > 0 ? agentsInChoice.get(agentChoice.getSelectionIndex() - 1).id()
				: null;
		agentsInChoice = ChorusCore.getDefault().agents().list();
		String[] items = new String[agentsInChoice.size() + 1];
		items[0] = Messages.Sessions_AllAgents;
		int selection = 0;
		for (int i = 0; i < agentsInChoice.size(); i++) {
			items[i + 1] = agentsInChoice.get(i).displayName();
			if (agentsInChoice.get(i).id().equals(selected)) {
				selection = i + 1;
			}
		}
		agentChoice.setItems(items);
		agentChoice.select(selection);
	}

	private void refresh() {
		if (viewer == null || viewer.getControl().isDisposed()) {
			return;
		}
		if (!filterText.getText().isBlank()) {
			// New and changed sessions may match now: search again, unless a search is under way.
			if (searchJob.getState() == org.eclipse.core.runtime.jobs.Job.NONE) {
				search(filterText.getText().strip());
			}
		}
		viewer.setInput(ChorusCore.getDefault().sessions().list());
		updateEmptyHint();
		updateAnimation();
	}

	private void updateEmptyHint() {
		boolean empty = viewer.getTable().getItemCount() == 0;
		emptyHint.setText(filterText.getText().isBlank() && agentChoice.getSelectionIndex() <= 0 ? Messages.Sessions_Empty
				: Messages.Sessions_NoMatch);
		if (emptyHint.getVisible() != empty) {
			emptyHint.setVisible(empty);
			((org.eclipse.swt.layout.GridData) emptyHint.getLayoutData()).exclude = !empty;
			emptyHint.getParent().layout(true);
		}
	}

	private static Optional<Run> runOf(SessionInfo session) {
		return ChorusCore.getDefault().runs().findBySession(session.id());
	}

	private static boolean isBusy(SessionInfo session) {
		return runOf(session).map(Run::isGenerating).orElse(false);
	}

	/** Runs the busy animation while any listed session generates, and only then. */
	private void updateAnimation() {
		boolean anyBusy = ChorusCore.getDefault().runs().list().stream().anyMatch(Run::isGenerating);
		if (anyBusy && !animating) {
			animating = true;
			Display display = viewer.getControl().getDisplay();
			display.timerExec(AgentImages.BUSY_FRAME_MILLIS, new Runnable() {
				@Override
				public void run() {
					if (viewer.getControl().isDisposed()) {
						return;
					}
					busyFrame++;
					boolean stillBusy = false;
					for (Object element : (List<?>) viewer.getInput()) {
						if (isBusy((SessionInfo) element)) {
							stillBusy = true;
							viewer.update(element, null);
						}
					}
					if (stillBusy) {
						display.timerExec(AgentImages.BUSY_FRAME_MILLIS, this);
					} else {
						animating = false;
						viewer.refresh();
					}
				}
			});
		}
	}

	static String relativeTime(Instant time) {
		if (time == null) {
			return ""; //$NON-NLS-1$
		}
		Duration age = Duration.between(time, Instant.now());
		if (age.toMinutes() < 1) {
			return Messages.Sessions_JustNow;
		}
		if (age.toHours() < 1) {
			return NLS.bind(Messages.Sessions_Minutes, age.toMinutes());
		}
		if (age.toDays() < 1) {
			return NLS.bind(Messages.Sessions_Hours, age.toHours());
		}
		if (age.toDays() < 7) {
			return NLS.bind(Messages.Sessions_Days, age.toDays());
		}
		return DATE.withLocale(Locale.getDefault()).format(time);
	}

	private final class TitleLabelProvider extends ColumnLabelProvider {
		@Override
		public String getText(Object element) {
			SessionInfo session = (SessionInfo) element;
			return session.title() == null || session.title().isBlank() ? Messages.Sessions_Untitled : session.title();
		}

		@Override
		public Image getImage(Object element) {
			SessionInfo session = (SessionInfo) element;
			AgentProfile agent = ChorusCore.getDefault().agents().get(session.agentId()).orElse(null);
			if (agent == null) {
				return null;
			}
			return isBusy(session) ? AgentImages.get().busyAvatar(agent, AVATAR_SIZE, busyFrame)
					: AgentImages.get().avatar(agent, AVATAR_SIZE);
		}

		@Override
		public Font getFont(Object element) {
			return runOf((SessionInfo) element).isPresent()
					? org.eclipse.jface.resource.JFaceResources.getFontRegistry().getBold(org.eclipse.jface.resource.JFaceResources.DEFAULT_FONT)
					: null;
		}

		@Override
		public String getToolTipText(Object element) {
			SessionInfo session = (SessionInfo) element;
			String agent = ChorusCore.getDefault().agents().get(session.agentId()).map(AgentProfile::displayName)
					.orElse(session.agentId());
			String state = isBusy(session) ? Messages.Sessions_Generating
					: runOf(session).isPresent() ? Messages.Sessions_Open : ""; //$NON-NLS-1$
			return NLS.bind(Messages.Sessions_Tooltip,
					new Object[] { getText(element), agent, session.messageCount(), DATE.format(session.updated()), state });
		}
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Override
	public void dispose() {
		searchJob.cancel();
		ChorusCore core = ChorusCore.getDefault();
		core.sessions().removeListener(sessionListener);
		core.agents().removeListener(agentListener);
		core.runs().removeRegistryListener(runListener);
		super.dispose();
	}
}
