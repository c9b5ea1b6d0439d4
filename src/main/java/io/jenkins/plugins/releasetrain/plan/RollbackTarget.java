package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a rollback goes: an earlier run of the environment that succeeded, its manifest as recorded, and the exact
 * digest each of its images' destination tags pointed at when it ended, which the rollback restores even if a
 * source tag has moved since.
 *
 * @param target the succeeded run whose content comes back
 * @param manifest the manifest recorded with {@code target}, loaded again (same release id)
 * @param digests image artifact id to the digest its destination tag pointed at after {@code target}
 * @param moved images whose destination tag does not point at that digest now (or nobody knows where it points):
 *     they are tagged even where the plan finds their manifest entry unchanged
 * @param from the latest run before the rollback: what it rolls back
 */
public record RollbackTarget(
        ReleaseRun target,
        LoadedManifest manifest,
        Map<String, String> digests,
        Set<String> moved,
        Optional<ReleaseRun> from) {

    public RollbackTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(manifest, "manifest");
        digests = Map.copyOf(digests);
        moved = Set.copyOf(moved);
        Objects.requireNonNull(from, "from");
    }

    /** What the rollback records with its start. */
    public RollbackOf record(String reason) {
        return new RollbackOf(
                target.runId(),
                from.map(ReleaseRun::runId),
                from.map(run -> run.releaseId().value()),
                reason);
    }

    /**
     * Approvals of the target's content count for the rollback only when given after the release it rolls back
     * started: earlier ones were for the content's first run here.
     */
    public Instant approvalsAfter() {
        Instant targetEnd = target.finished().map(f -> f.time()).orElse(target.startedAt());
        return from.map(ReleaseRun::startedAt).filter(t -> t.isAfter(targetEnd)).orElse(targetEnd);
    }
}
