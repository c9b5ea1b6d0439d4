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
 * @param damage why the run's record cannot be trusted to be complete (records of it could not be read), or
 *     null when it is intact: such a run is never shown as a clean success
 * @param verification {@code verified} or {@code verification failed} when the environment's verification of
 *     what the run deployed ran, with its message; null otherwise
 * @param rollback what the run was when it was a rollback ("rollback to run 20261204T…"), null otherwise
 * @param hotfix whether the run was a hotfix (let in by the rule's hotfix lane, without the promotion order)
 */
public record HistoryEntry(
        String runId,
        String releaseId,
        Status status,
        Instant started,
        Instant ended,
        String actor,
        List<ArtifactResult> results,
        String url,
        String damage,
        String verification,
        String rollback,
        boolean hotfix) {

    public HistoryEntry(
            String runId,
            String releaseId,
            Status status,
            Instant started,
            Instant ended,
            String actor,
            List<ArtifactResult> results,
            String url,
            String damage) {
        this(runId, releaseId, status, started, ended, actor, results, url, damage, null, null, false);
    }

    public HistoryEntry(
            String runId,
            String releaseId,
            Status status,
            Instant started,
            Instant ended,
            String actor,
            List<ArtifactResult> results,
            String url) {
        this(runId, releaseId, status, started, ended, actor, results, url, null);
    }

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
