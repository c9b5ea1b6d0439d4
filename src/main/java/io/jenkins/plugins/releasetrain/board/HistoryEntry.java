package io.jenkins.plugins.releasetrain.board;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a release in an environment, with the result of each artifact it worked on.
 *
 * @param ended when the run finished, or null while it runs or waits for approval
 * @param actor who started it, or null when the ledger does not say
 * @param url the run's page (its Jenkins build), or null
 */
public record HistoryEntry(
        String runId,
        String releaseId,
        Status status,
        Instant started,
        Instant ended,
        String actor,
        List<ArtifactResult> results,
        String url) {

    public HistoryEntry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Status.require(Objects.requireNonNull(status, "status"), Status.RUN, "a run");
        Objects.requireNonNull(started, "started");
        results = List.copyOf(results);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(ended);
    }
}
