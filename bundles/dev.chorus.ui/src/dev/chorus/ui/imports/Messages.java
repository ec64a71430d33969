package dev.chorus.ui.imports;

import org.eclipse.osgi.util.NLS;

/** Texts of the Hermes import wizard. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.imports.messages"; //$NON-NLS-1$

	public static String Wizard_Title;
	public static String Page_Title;
	public static String Page_Description;
	public static String Page_Folder;
	public static String Page_Browse;
	public static String Page_Profile;
	public static String Page_Model;
	public static String Page_Sessions;
	public static String Page_Imported;
	public static String Page_NoStateDb;
	public static String Page_CountFailed;
	public static String Page_ChooseOne;
	public static String Page_AgainNote;
	public static String Report_Title;
	public static String Report_Done;
	public static String Report_Partial;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
