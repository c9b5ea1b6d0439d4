package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.thememanager.ThemeManagerPageDecorator;

/**
 * The only class that names Theme Manager's: loaded on first use, which {@link ThemeManagerBoardTheme} allows
 * only once the plugin is known to be active. Its "Dark (System)" variant follows the browser, as the board
 * does by itself, and other themes are left to the board's own reading of the page's colours.
 */
final class ThemeManagerPalette {

    static final String DARK_THEME_KEY = "dark";

    private ThemeManagerPalette() {}

    @CheckForNull
    static String palette() {
        return DARK_THEME_KEY.equals(ThemeManagerPageDecorator.get().getThemeKey()) ? "dark" : null;
    }
}
