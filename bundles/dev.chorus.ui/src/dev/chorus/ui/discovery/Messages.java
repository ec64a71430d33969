package dev.chorus.ui.discovery;

import org.eclipse.osgi.util.NLS;

/** Texts of the agent finder's dialogs and of the empty chat's hint. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.discovery.messages"; //$NON-NLS-1$

	public static String Dialog_Title;
	public static String Dialog_Message;
	public static String Dialog_Agent;
	public static String Dialog_Where;
	public static String Dialog_Model;
	public static String Dialog_Note;
	public static String Dialog_Add;
	public static String Dialog_AlreadySetUp;
	public static String Dialog_ReplaceDefault;
	public static String Dialog_AddFailed;
	public static String Dialog_Version;
	public static String Progress_Title;
	public static String NothingFound_Title;
	public static String NothingFound_Message;
	public static String Hint_Title;
	public static String Hint_Advice;
	public static String Hint_Links;
	public static String Hint_JobName;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
