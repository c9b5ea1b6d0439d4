package io.jenkins.plugins.releasetrain.ledger;

import java.util.Locale;

/** What a run did to one artifact. */
public enum ArtifactStatus {
    /** Deployed or tagged by this run. */
    SUCCEEDED,
    /** Tried and failed (non-zero exit, timeout, registry error, cancelled). */
    FAILED,
    /** Not tried, for the reason in the result's message; the artifact is not released by this run. */
    SKIPPED,
    /** Already live with exactly this content; nothing was run. */
    UNCHANGED;

    /** The lowercase word used in JSON and tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether, after this result, the artifact is live with the recorded content. */
    public boolean isLive() {
        return this == SUCCEEDED || this == UNCHANGED;
    }

    public static ArtifactStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
