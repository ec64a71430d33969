package dev.chorus.app;

import org.eclipse.osgi.util.NLS;

/** Texts of the Chorus application. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.app.messages"; //$NON-NLS-1$

	public static String Menu_File;
	public static String Menu_Edit;
	public static String Menu_Window;
	public static String Menu_ShowView;
	public static String Menu_Help;
	public static String Exit_Title;
	public static String Exit_RunsAnswering;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
