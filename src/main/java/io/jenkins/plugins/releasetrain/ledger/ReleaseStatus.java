package io.jenkins.plugins.releasetrain.ledger;

import java.util.Collection;
import java.util.Locale;

/** How a run of a release ended. */
public enum ReleaseStatus {
    /** Every artifact of the release is live with this release's content. */
    SUCCEEDED,
    /** At least one artifact failed. */
    FAILED,
    /** Nothing failed, but some artifacts were skipped and are not released (see their messages). */
    PARTIAL,
    /** The run was stopped before it finished. */
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReleaseStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The status of a run that finished with these artifact results. */
    public static ReleaseStatus of(Collection<ArtifactStatus> results) {
        if (results.contains(ArtifactStatus.FAILED)) {
            return FAILED;
        }
        if (results.contains(ArtifactStatus.CANCELLED)) {
            // Stopped part-way (an aborted branch): never a success, even when nothing else went wrong.
            return CANCELLED;
        }
        return results.contains(ArtifactStatus.SKIPPED) ? PARTIAL : SUCCEEDED;
    }
}
