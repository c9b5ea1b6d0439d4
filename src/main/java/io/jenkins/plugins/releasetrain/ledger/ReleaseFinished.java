package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A run of a release ended, with the status of the whole run.
 *
 * @param details what let the run through, when it was decided after the run's start was recorded (in Jenkins,
 *     the approval gate decides after {@code recordRelease} starts the run): the same keys as a start's
 *     {@code approval.*} details; empty otherwise, and in records written before it existed
 */
public record ReleaseFinished(
        RunId runId, ReleaseId releaseId, ReleaseStatus status, String actor, Instant time, Map<String, String> details)
        implements LedgerRecord {

    public ReleaseFinished(RunId runId, ReleaseId releaseId, ReleaseStatus status, String actor, Instant time) {
        this(runId, releaseId, status, actor, time, Map.of());
    }

    public ReleaseFinished {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        details = Map.copyOf(details);
    }
}
