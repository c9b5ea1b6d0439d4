package io.jenkins.plugins.releasetrain.ledger;

import java.util.Locale;

/** What a run did to one artifact. */
public enum ArtifactStatus {
    /** Deployed or tagged by this run. */
    SUCCEEDED,
    /** Tried and failed (non-zero exit, timeout, registry error). */
    FAILED,
    /** Not tried, for the reason in the result's message; the artifact is not released by this run. */
    SKIPPED,
    /** Already live with exactly this content; nothing was run. */
    UNCHANGED,
    /**
     * Started, then stopped because the run was cancelled (Ctrl-C, an aborted build): what it had begun may be
     * partly done, so it is not live and a resumed run does it again.
     */
    CANCELLED;

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
