package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/** A run of a release ended, with the status of the whole run. */
public record ReleaseFinished(RunId runId, ReleaseId releaseId, ReleaseStatus status, String actor, Instant time)
        implements LedgerRecord {

    public ReleaseFinished {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
    }
}
