package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionPoint;

/**
 * Tells the board which palette Jenkins' current theme uses, for theme plugins that can say it on the server,
 * so the board is drawn in the right colours from the start.
 */
public abstract class ReleaseBoardTheme implements ExtensionPoint {

    /** {@code dark} or {@code light} for the current user's theme, or null when this theme source cannot tell. */
    @CheckForNull
    public abstract String palette();
}
