package dev.chorus.ui.agents;

import org.eclipse.osgi.util.NLS;

/** Texts of the agent switcher, the Agents preference page and the agent dialog. */
public final class Messages extends NLS {
	private static final String BUNDLE_NAME = "dev.chorus.ui.agents.messages"; //$NON-NLS-1$

	public static String Switcher_Tooltip;
	public static String Switcher_NewChat;
	public static String Switcher_Manage;
	public static String AgentsPage_Description;
	public static String AgentsPage_Agent;
	public static String AgentsPage_Backend;
	public static String AgentsPage_BackendMissing;
	public static String AgentsPage_ActiveSuffix;
	public static String AgentsPage_Add;
	public static String AgentsPage_Find;
	public static String AgentsPage_Edit;
	public static String AgentsPage_MakeActive;
	public static String AgentsPage_Delete;
	public static String AgentDialog_NewTitle;
	public static String AgentDialog_EditTitle;
	public static String AgentDialog_Message;
	public static String AgentDialog_NameRequired;
	public static String AgentDialog_Appearance;
	public static String AgentDialog_AppearanceAfterCreate;
	public static String AgentDialog_Name;
	public static String AgentDialog_Colour;
	public static String AgentDialog_DefaultColour;
	public static String AgentDialog_DefaultColourTooltip;
	public static String AgentDialog_Avatar;
	public static String AgentDialog_ChooseImage;
	public static String AgentDialog_RemoveImage;
	public static String AgentDialog_Images;
	public static String AgentDialog_AllFiles;
	public static String AgentDialog_ColourFailed;
	public static String AgentDialog_AvatarFailed;
	public static String AgentDialog_Backend;
	public static String AgentDialog_BackendKind;
	public static String AgentDialog_NoBackends;
	public static String AgentDialog_SecretStored;
	public static String AgentDialog_SecretNotSet;
	public static String AgentDialog_SecureStorage;
	public static String AgentDialog_ListModels;
	public static String AgentDialog_ListingModels;
	public static String AgentDialog_ModelsListed;
	public static String AgentDialog_Browse;
	public static String AgentDialog_TestConnection;
	public static String AgentDialog_Testing;
	public static String AgentDialog_DangerZone;
	public static String AgentDialog_DangerText;
	public static String AgentDialog_DeleteAgent;
	public static String AgentDialog_DeleteTitle;
	public static String AgentDialog_DeleteWarning;
	public static String AgentDialog_DeleteConfirm;
	public static String AgentDialog_DeletePermanently;
	public static String AgentDialog_DeleteFailed;
	public static String AgentDialog_SaveFailed;
	public static String AgentDialog_ConfigureMcpServers;
	public static String AgentDialog_NoMcpServers;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
