package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.PluginWrapper;
import jenkins.model.Jenkins;

/**
 * The dark theme of the Dark Theme plugin, as the Theme Manager plugin reports the user's theme. Theme Manager
 * is optional, and this extension links without it (nothing here names its classes), so it is always
 * registered: it asks whether the plugin is active before {@link ThemeManagerPalette} touches it, or every
 * board page would fail with {@code NoClassDefFoundError} on a Jenkins without Theme Manager.
 */
@Extension
public class ThemeManagerBoardTheme extends ReleaseBoardTheme {

    static final String PLUGIN = "theme-manager";

    @CheckForNull
    @Override
    public String palette() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().getPlugin(PLUGIN);
        return plugin != null && plugin.isActive() ? ThemeManagerPalette.palette() : null;
    }
}
