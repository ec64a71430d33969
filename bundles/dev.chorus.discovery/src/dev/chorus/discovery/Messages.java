package dev.chorus.discovery;

import org.eclipse.osgi.util.NLS;

/** Texts of the agent finder and of the Hermes import that reach the user. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.discovery.messages"; //$NON-NLS-1$

	public static String Finder_Task;
	public static String Finder_NeedsKey;
	public static String Finder_NoModels;
	public static String Finder_NoAnswer;
	public static String Offer_AlreadySetUp;
	public static String Setup_NoCommand;
	public static String Setup_ProgramMissing;
	public static String Setup_BadUrl;
	public static String Setup_NotOpenAi;
	public static String Setup_NothingAnswers;
	public static String Setup_NoModel;
	public static String Hermes_ThroughApiServer;
	public static String Hermes_NoModel;
	public static String Hermes_NoKey;
	public static String Hermes_ConfigUnreadable;
	public static String Hermes_NoFolder;
	public static String Hermes_FolderUnreadable;
	public static String Hermes_NoProfiles;
	public static String Hermes_MetaUnreadable;
	public static String Hermes_NoStateDb;
	public static String Hermes_StateDbUnreadable;
	public static String Hermes_StateDbDamaged;
	public static String Hermes_StateDbLocked;
	public static String Hermes_NotAStateDb;
	public static String Hermes_MissingColumn;
	public static String Report_NoAgent;
	public static String Report_AgentCreated;
	public static String Report_AgentKept;
	public static String Report_Sessions;
	public static String Report_SessionsFailed;
	public static String Report_Cancelled;
	public static String Import_Task;
	public static String Import_Profile;
	public static String Import_ReadAsOnDisk;
	public static String Import_SessionFailed;
	public static String Import_KeyNotStored;
	public static String Import_AvatarNotData;
	public static String Import_AvatarFailed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
