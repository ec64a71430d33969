package dev.chorus.ui.handlers;

import org.eclipse.osgi.util.NLS;

/** Texts of the Chorus commands. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.handlers.messages"; //$NON-NLS-1$

	public static String ClearChat_Title;
	public static String ClearChat_Message;
	public static String RenameSession_Title;
	public static String RenameSession_Message;
	public static String RenameSession_Empty;
	public static String RenameSession_TooLong;
	public static String DeleteSession_Title;
	public static String DeleteSession_Message;
	public static String ExportSession_Title;
	public static String ExportSession_Failed;
	public static String NewChatWith;
	public static String ImportSessions_Title;
	public static String ImportSessions_Listing;
	public static String ImportSessions_None;
	public static String ImportSessions_Choose;
	public static String ImportSessions_Done;
	public static String DeleteSession_OnAgent;
	public static String DeleteSession_OnAgentFailed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
