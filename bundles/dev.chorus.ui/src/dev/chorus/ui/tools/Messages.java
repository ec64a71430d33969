package dev.chorus.ui.tools;

import org.eclipse.osgi.util.NLS;

/** Texts of the views of a tool call's content. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.tools.messages"; //$NON-NLS-1$

	public static String Diff_Counts;
	public static String Diff_NewFile;
	public static String Diff_TooLarge;
	public static String Diff_MoreLines;
	public static String Diff_Truncated;
	public static String Diff_OpenInCompare;
	public static String Diff_CompareTitle;
	public static String Diff_CompareTitleOf;
	public static String Diff_NoCompare;
	public static String Diff_Before;
	public static String Diff_After;
	public static String Terminal_Earlier;
	public static String Terminal_Running;
	public static String Terminal_Killed;
	public static String Terminal_Exited;
	public static String Terminal_Ended;
	public static String Open_Title;
	public static String Open_Missing;
	public static String Open_Failed;
	public static String Open_NoEditors;
	public static String Locations_Label;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
