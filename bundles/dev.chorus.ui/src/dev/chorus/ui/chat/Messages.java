package dev.chorus.ui.chat;

import org.eclipse.osgi.util.NLS;

/** Texts of the chat editor. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.chat.messages"; //$NON-NLS-1$

	public static String Chat_You;
	public static String Chat_ShowEarlier;
	public static String Chat_CopyCode;
	public static String Chat_Copied;
	public static String Chat_Code;
	public static String Chat_Stopped;
	public static String Chat_Failed;
	public static String Chat_Thinking;
	public static String Chat_Reasoning;
	public static String Chat_ToolCall;
	public static String Chat_ShowDetails;
	public static String Chat_ResultMoreLines;
	public static String Chat_ResultMore;
	public static String Chat_HideDetails;
	public static String Chat_ToolInput;
	public static String Chat_ToolOutput;
	public static String Chat_ToolNoDetails;
	public static String Chat_Plan;
	public static String Chat_Usage;
	public static String Chat_PermissionQuestion;
	public static String Chat_NewChat;
	public static String Chat_Send;
	public static String Chat_Stop;
	public static String Chat_InputHint;
	public static String Chat_Generating;
	public static String Chat_Idle;
	public static String Chat_Closed;
	public static String Chat_EmptyTitle;
	public static String Chat_EmptyOther;
	public static String Chat_Agent;
	public static String Chat_SendFailed;
	public static String Chat_AgentMissing;
	public static String Chat_Context;
	public static String Chat_ContextTooltip;
	public static String Chat_CommandHint;
	public static String Chat_CommandInput;
	public static String Attach_Button;
	public static String Attach_Tooltip;
	public static String Attach_NotAFile;
	public static String Attach_Outside;
	public static String Attach_PastedImage;
	public static String Attach_ImageTooLarge;
	public static String Form_Required;
	public static String Form_NotANumber;
	public static String Chat_AgentAsks;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
