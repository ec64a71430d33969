package dev.chorus.ide;

import org.eclipse.osgi.util.NLS;

final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ide.messages"; //$NON-NLS-1$

	public static String ProjectPage_Description;
	public static String ProjectPage_Agent;
	public static String ProjectPage_ActiveAgent;
	public static String ProjectPage_MissingAgent;
	public static String ProjectPage_WorkingDirectory;
	public static String ProjectPage_Browse;
	public static String ProjectPage_BrowseTitle;
	public static String ProjectPage_WorkingDirectoryHint;
	public static String ProjectPage_NoSuchFolder;
	public static String ProjectPage_SaveFailed;
	public static String NewChat_NoFolder;
	public static String Refresh_Job;
	public static String SendSelection_NoChat;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
