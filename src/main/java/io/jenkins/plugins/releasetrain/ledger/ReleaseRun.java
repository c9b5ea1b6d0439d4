package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a release as the ledger tells it: its start, the artifact results in the order they ended,
 * and how it finished. A run without a finish is running now, waiting for approval, or was killed.
 *
 * @param artifactsStarted the artifacts whose work the run recorded as started, in that order
 * @param damagedRecords   how many of the ledger's records written while this run was open could not be
 *     read (a damaged line): the run's own results may be among them, so it is not shown as clean
 */
public record ReleaseRun(
        ReleaseStarted started,
        List<ArtifactResult> results,
        Optional<ReleaseFinished> finished,
        List<String> artifactsStarted,
        long damagedRecords) {

    public ReleaseRun {
        Objects.requireNonNull(started, "started");
        results = List.copyOf(results);
        Objects.requireNonNull(finished, "finished");
        artifactsStarted = List.copyOf(artifactsStarted);
    }

    public ReleaseRun(ReleaseStarted started, List<ArtifactResult> results, Optional<ReleaseFinished> finished) {
        this(started, results, finished, List.of(), 0);
    }

    /** Whether records that may be this run's could not be read. */
    public boolean isDamaged() {
        return damagedRecords > 0;
    }

    /**
     * The artifacts started and never given a result: when the run is over (finished, or its runner died),
     * those were under way when it stopped, and may or may not have completed.
     */
    public List<String> artifactsWithoutResult() {
        return artifactsStarted.stream()
                .filter(id -> result(id).isEmpty())
                .distinct()
                .toList();
    }

    public RunId runId() {
        return started.runId();
    }

    public ReleaseId releaseId() {
        return started.releaseId();
    }

    public String actor() {
        return started.actor();
    }

    public Instant startedAt() {
        return started.time();
    }

    public boolean isFinished() {
        return finished.isPresent();
    }

    public Optional<ReleaseStatus> status() {
        return finished.map(ReleaseFinished::status);
    }

    /** The artifact's result in this run (the last one, should a run have recorded it twice). */
    public Optional<ArtifactResult> result(String artifactId) {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (results.get(i).artifactId().equals(artifactId)) {
                return Optional.of(results.get(i));
            }
        }
        return Optional.empty();
    }

    public long count(ArtifactStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Whether the run was a hotfix (let in by the rule's hotfix lane, without the promotion order). */
    public boolean isHotfix() {
        return ReleaseStarted.HOTFIX.equals(started.details().get(ReleaseStarted.KIND));
    }

    /** What the run rolled back, when it was a rollback. */
    public Optional<RollbackOf> rollback() {
        return RollbackOf.of(started);
    }

    /** The release that ran, rebuilt from the manifest text recorded at its start. */
    public Release release() {
        return started.release();
    }
}
