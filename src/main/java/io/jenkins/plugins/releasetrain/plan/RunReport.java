package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run went: every artifact's result in the order they were recorded, and the run's status.
 *
 * @param runId empty when the run had nothing to do and recorded nothing ({@link RunPreview#nothingToDo()})
 * @param verification how the environment's verification went, when it ran
 */
public record RunReport(
        Optional<RunId> runId,
        RunPreview preview,
        List<ArtifactResult> results,
        ReleaseStatus status,
        Optional<ReleaseVerified> verification) {

    public RunReport(Optional<RunId> runId, RunPreview preview, List<ArtifactResult> results, ReleaseStatus status) {
        this(runId, preview, results, status, Optional.empty());
    }

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(preview, "preview");
        results = List.copyOf(results);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(verification, "verification");
    }

    public long count(ArtifactStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * Whether any artifact failed, the run was cancelled, or what it deployed failed its verification: the run
     * did not do what was asked.
     */
    public boolean failed() {
        return status == ReleaseStatus.FAILED
                || status == ReleaseStatus.CANCELLED
                || verification.filter(v -> !v.passed()).isPresent();
    }
}
