package dev.chorus.ui.views;

import org.eclipse.osgi.util.NLS;

/** Texts of the Sessions view and the session property page. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.views.messages"; //$NON-NLS-1$

	public static String Sessions_Filter;
	public static String Sessions_Searching;
	public static String Sessions_AllAgents;
	public static String Sessions_Empty;
	public static String Sessions_NoMatch;
	public static String Sessions_Untitled;
	public static String Sessions_JustNow;
	public static String Sessions_Minutes;
	public static String Sessions_Hours;
	public static String Sessions_Days;
	public static String Sessions_Generating;
	public static String Sessions_Open;
	public static String Sessions_Tooltip;
	public static String SessionProperties_Agent;
	public static String SessionProperties_Title;
	public static String SessionProperties_Created;
	public static String SessionProperties_Updated;
	public static String SessionProperties_Messages;
	public static String SessionProperties_Tokens;
	public static String SessionProperties_BackendSession;
	public static String SessionProperties_File;
	public static String SessionProperties_None;
	public static String SessionProperties_WorkingDirectory;
	public static String SessionProperties_AgentsFolder;
	public static String SessionProperties_TitleEmpty;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
