package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.thememanager.ThemeManagerPageDecorator;

/**
 * The dark theme of the Dark Theme plugin, as the Theme Manager plugin reports the user's theme. Only loaded
 * when Theme Manager is installed. Its "Dark (System)" variant follows the browser, as the board does by
 * itself, and other themes are left to the board's own reading of the page's colours.
 */
@Extension(optional = true)
public class ThemeManagerBoardTheme extends ReleaseBoardTheme {

    static final String DARK_THEME_KEY = "dark";

    @CheckForNull
    @Override
    public String palette() {
        return DARK_THEME_KEY.equals(ThemeManagerPageDecorator.get().getThemeKey()) ? "dark" : null;
    }
}
