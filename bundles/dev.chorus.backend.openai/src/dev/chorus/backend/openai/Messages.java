package dev.chorus.backend.openai;

import org.eclipse.osgi.util.NLS;

/** Texts of the OpenAI-compatible backend: setting labels and failures. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.backend.openai.messages"; //$NON-NLS-1$

	public static String Setting_BaseUrl;
	public static String Setting_BaseUrlHelp;
	public static String Setting_Model;
	public static String Setting_ModelHelp;
	public static String Setting_ApiKey;
	public static String Setting_ApiKeyHelp;
	public static String Setting_SystemPrompt;
	public static String Setting_SystemPromptHelp;
	public static String Setting_Temperature;
	public static String Setting_TemperatureHelp;
	public static String Setting_Headers;
	public static String Setting_HeadersHelp;
	public static String Setting_StallTimeout;
	public static String Setting_StallTimeoutHelp;
	public static String Test_Connected;
	public static String Test_ModelMissing;
	public static String Test_ModelMissingHint;
	public static String Error_Interrupted;
	public static String Error_BadModels;
	public static String Error_BadModelsHint;
	public static String Error_BadUrl;
	public static String Error_BadUrlHint;
	public static String Error_BadTemperature;
	public static String Error_Unreachable;
	public static String Error_UnreachableHint;
	public static String Error_Network;
	public static String Error_Auth;
	public static String Error_AuthHint;
	public static String Error_NotFound;
	public static String Error_NotFoundHint;
	public static String Error_RateLimited;
	public static String Error_RateLimitedHint;
	public static String Error_RetryAfter;
	public static String Error_ServerFailed;
	public static String Error_ServerFailedHint;
	public static String Error_Http;
	public static String Error_NoDetails;
	public static String Error_Stalled;
	public static String Error_StalledHint;
	public static String Error_NoResponse;
	public static String Error_LineTooLong;
	public static String Error_Malformed;
	public static String Error_MalformedHint;
	public static String Error_InStream;
	public static String Error_Dropped;
	public static String Error_DroppedHint;
	public static String Error_EndedEarly;
	public static String ToolCall_Unnamed;
	public static String Setting_McpServers;
	public static String Setting_McpServersHelp;
	public static String Setting_BuiltInTools;
	public static String Setting_BuiltInToolsHelp;
	public static String Setting_WorkingDirectory;
	public static String Setting_WorkingDirectoryHelp;
	public static String Setting_MaxToolSteps;
	public static String Setting_MaxToolStepsHelp;
	public static String Error_BadSteps;
	public static String Tools_LeftOutHint;
	public static String Tools_NoSuchTool;
	public static String Tools_BadArguments;
	public static String Tools_Allow;
	public static String Tools_AllowAlways;
	public static String Tools_Reject;
	public static String Tools_Stopped;
	public static String Tools_Rejected;
	public static String Tools_RejectedForModel;
	public static String Tools_FailedForModel;
	public static String Tools_ResultCut;
	public static String Tools_NotRun;
	public static String Tools_StepLimit;
	public static String Tools_StepLimitHint;


	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
