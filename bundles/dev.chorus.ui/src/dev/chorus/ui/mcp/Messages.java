package dev.chorus.ui.mcp;

import org.eclipse.osgi.util.NLS;

/** Texts of the MCP Servers preference page, its server dialog and the server test. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.mcp.messages"; //$NON-NLS-1$

	public static String Page_Title;
	public static String Page_Description;
	public static String Page_Name;
	public static String Page_Kind;
	public static String Page_Stdio;
	public static String Page_Http;
	public static String Page_CommandOrUrl;
	public static String Page_Timeout;
	public static String Page_Seconds;
	public static String Page_Add;
	public static String Page_Edit;
	public static String Page_Remove;
	public static String Page_Test;
	public static String Page_Testing;
	public static String Page_Note;
	public static String Page_SaveFailed;
	public static String Dialog_NewTitle;
	public static String Dialog_EditTitle;
	public static String Dialog_Message;
	public static String Dialog_Name;
	public static String Dialog_Kind;
	public static String Dialog_Stdio;
	public static String Dialog_Http;
	public static String Dialog_Command;
	public static String Dialog_CommandHint;
	public static String Dialog_Environment;
	public static String Dialog_EnvironmentHint;
	public static String Dialog_Url;
	public static String Dialog_UrlHint;
	public static String Dialog_Headers;
	public static String Dialog_HeadersHint;
	public static String Dialog_Timeout;
	public static String Dialog_TimeoutUnit;
	public static String Dialog_SecureStorage;
	public static String Dialog_NameRequired;
	public static String Dialog_NameTaken;
	public static String Dialog_CommandRequired;
	public static String Dialog_UnclosedQuote;
	public static String Dialog_UrlRequired;
	public static String Dialog_BadUrl;
	public static String Dialog_BadVariable;
	public static String Dialog_BadHeader;
	public static String Test_JobName;
	public static String Test_Title;
	public static String Test_Tools;
	public static String Test_NoTools;
	public static String Test_Tool;
	public static String Test_Description;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
