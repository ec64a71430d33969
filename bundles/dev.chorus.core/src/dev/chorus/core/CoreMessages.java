package dev.chorus.core;

import org.eclipse.osgi.util.NLS;

/** Texts of the core that reach the user (error messages, default names). */
public final class CoreMessages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.core.messages"; //$NON-NLS-1$

	public static String Agent_InvalidId;
	public static String Mcp_NameEmpty;
	public static String Mcp_NameTaken;
	public static String Mcp_NoCommand;
	public static String Mcp_FileUnreadable;
	public static String Mcp_FileCorrupt;
	public static String Mcp_Stopped;
	public static String Mcp_BadUrl;
	public static String Mcp_HttpUnreachable;
	public static String Mcp_HttpDropped;
	public static String Mcp_HttpSessionGone;
	public static String Mcp_HttpAuthHint;
	public static String Mcp_HttpStatus;
	public static String Mcp_HttpTooLarge;
	public static String Mcp_HttpNoAnswer;
	public static String Mcp_CannotStart;
	public static String Mcp_BadInitialize;
	public static String Mcp_BadToolList;
	public static String Mcp_BadResult;
	public static String Mcp_CancelReasonUser;
	public static String Mcp_CancelReasonTimeout;
	public static String Mcp_Cancelled;
	public static String Mcp_Timeout;
	public static String Mcp_Refused;
	public static String Mcp_Gone;
	public static String Mcp_ShutDown;
	public static String Mcp_Unknown;
	public static String Tools_WriteTitle;
	public static String Tools_ReadTitle;
	public static String Tools_ListTitle;
	public static String Tools_SearchTitle;
	public static String Tools_Unknown;
	public static String Tools_Outside;
	public static String Tools_NoFile;
	public static String Tools_NoFolder;
	public static String Tools_IsFolder;
	public static String Tools_TooLarge;
	public static String Tools_NotText;
	public static String Tools_ReadCut;
	public static String Tools_EmptyFolder;
	public static String Tools_MoreEntries;
	public static String Tools_BadPattern;
	public static String Tools_NoMatch;
	public static String Tools_MoreMatches;
	public static String Tools_Written;
	public static String Tools_Created;
	public static String Tools_Missing;
	public static String CommandLine_UnclosedQuote;
	public static String Rpc_WriteFailed;
	public static String Rpc_LineTooLong;
	public static String Rpc_NotJson;
	public static String Rpc_Exited;
	public static String Rpc_StdoutClosed;
	public static String Agent_ListFailed;
	public static String Agent_CorruptFile;
	public static String Agent_UnreadableFile;
	public static String Agent_Unknown;
	public static String Agent_InvalidColor;
	public static String Agent_NameEmpty;
	public static String Agent_NameTooLong;
	public static String Agent_WriteFailed;
	public static String Agent_DeleteFailed;
	public static String Agent_DefaultName;
	public static String Avatar_Unreadable;
	public static String Avatar_FileTooLarge;
	public static String Avatar_TooManyPixels;
	public static String Avatar_NotAnImage;
	public static String Avatar_WriteFailed;
	public static String Secrets_ReadFailed;
	public static String Secrets_WriteFailed;
	public static String Session_NotASession;
	public static String Session_UnknownVersion;
	public static String Session_Corrupt;
	public static String Session_FolderUnreadable;
	public static String Session_Unknown;
	public static String Session_InvalidId;
	public static String Backend_LoadFailed;
	public static String Attachment_ImageLeftOut;
	public static String Attachment_Lines;
	public static String Attachment_TooLarge;
	public static String Attachment_Unreadable;
	public static String Backend_NoSessionList;
	public static String Import_Untitled;
	public static String Run_Connecting;
	public static String Run_ChangingOption;
	public static String Conversation_NoOptions;
	public static String Conversation_NoLogout;
	public static String Run_LoggingOut;
	public static String Run_Closed;
	public static String Run_Busy;
	public static String Run_SessionFailed;
	public static String Run_JobName;
	public static String Run_Answering;
	public static String Run_AgentGone;
	public static String Run_BackendMissing;
	public static String Run_BackendMissingHint;
	public static String Run_MaxTokens;
	public static String Run_MaxTokensHint;
	public static String Run_Refusal;
	public static String Run_Unexpected;
	public static String Run_UnexpectedHint;

	static {
		NLS.initializeMessages(BUNDLE_NAME, CoreMessages.class);
	}

	private CoreMessages() {
	}
}
