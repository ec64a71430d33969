package dev.chorus.backend.acp;

import org.eclipse.osgi.util.NLS;

/** Texts of the Agent Client Protocol backend: setting labels and failures. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.backend.acp.messages"; //$NON-NLS-1$

	public static String Setting_Command;
	public static String Setting_CommandHelp;
	public static String Setting_Environment;
	public static String Setting_EnvironmentHelp;
	public static String Setting_WorkingDirectory;
	public static String Setting_WorkingDirectoryHelp;
	public static String Setting_StartTimeout;
	public static String Setting_StartTimeoutHelp;
	public static String Test_Connected;
	public static String Error_CannotStart;
	public static String Error_CannotStartHint;
	public static String Error_BadCommand;
	public static String Error_NoCommand;
	public static String Error_NoCommandHint;
	public static String Error_NoDirectory;
	public static String Error_NoDirectoryHint;
	public static String Error_NoAnswer;
	public static String Error_NoAnswerHint;
	public static String Error_Remote;
	public static String Error_AgentGone;
	public static String Error_AgentGoneHint;
	public static String Error_AuthRequired;
	public static String Error_AuthRequiredHint;
	public static String Error_Cancelled;
	public static String Error_Closed;
	public static String Error_OutsideWorkingDirectory;
	public static String Error_ReadFailed;
	public static String Error_WriteRefused;
	public static String Error_WriteFailed2;
	public static String Permission_Write;
	public static String Permission_Allow;
	public static String Permission_Reject;
	public static String Content_Image;
	public static String Content_Audio;
	public static String Option_Mode;
	public static String Error_NoSuchOption;
	public static String Error_NoSuchValue;
	public static String Error_NoSuchOptionHint;
	public static String Error_FileTooLarge;
	public static String Error_NoSuchTerminal;
	public static String Error_TooManyTerminals;
	public static String Error_TerminalFailed;
	public static String Setting_McpServers;
	public static String Setting_ConfiguredMcpServers;
	public static String Setting_ConfiguredMcpServersHelp;
	public static String Setting_McpServersHelp;
	public static String Error_BadMcpServer;
	public static String Error_NoSessionId;
	public static String Error_MessageSkipped;
	public static String Error_MessageSkippedHint;
	public static String Login_Question;
	public static String Login_NotNow;
	public static String Login_Declined;
	public static String Login_InTerminal;
	public static String Login_Failed;
	public static String Login_FailedHint;
	public static String Prompt_NoImages;
	public static String Setting_ApiKeyVariable;
	public static String Setting_ApiKeyVariableHelp;
	public static String Setting_ApiKey;
	public static String Setting_ApiKeyHelp;
	public static String Elicit_Submit;
	public static String Elicit_Done;
	public static String Elicit_Decline;
	public static String Error_NotText;
	public static String Terminal_ExitCode;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
