package io.jenkins.plugins.releasetrain.plan;

import java.util.Locale;

/** What a release does to one artifact of its environment. */
public enum ChangeKind {
    /** Not deployed there yet. */
    ADDED,
    /** Deployed there with other content (another commit, tag, job or target). */
    CHANGED,
    /** Already deployed there with exactly this content. */
    UNCHANGED,
    /** Deployed there but no longer in the manifest; the release does not undeploy it, it reports it. */
    REMOVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a release has work to do for an artifact in this state. */
    public boolean needsWork() {
        return this == ADDED || this == CHANGED;
    }
}
