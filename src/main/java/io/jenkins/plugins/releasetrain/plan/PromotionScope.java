package io.jenkins.plugins.releasetrain.plan;

import java.util.Objects;
import java.util.Set;

/**
 * Which artifacts of a plan a promotion runs. By default the added and changed ones; {@code all} runs every
 * artifact of the release again (to repair drift); {@code resume} also leaves out the artifacts that already
 * succeeded for this very release, so a promotion that failed half-way only retries the rest.
 *
 * @param allArtifacts run every artifact of the release, changed or not
 * @param resume leave out the {@code succeeded} artifacts
 * @param succeeded ids of artifacts already successful for the release being promoted
 * @param alwaysRun ids of artifacts that run even when their manifest entry is unchanged: a rollback's images
 *     whose destination tag has moved since the run it goes back to
 */
public record PromotionScope(boolean allArtifacts, boolean resume, Set<String> succeeded, Set<String> alwaysRun) {

    public PromotionScope(boolean allArtifacts, boolean resume, Set<String> succeeded) {
        this(allArtifacts, resume, succeeded, Set.of());
    }

    public PromotionScope {
        succeeded = Set.copyOf(Objects.requireNonNull(succeeded, "succeeded"));
        alwaysRun = Set.copyOf(Objects.requireNonNull(alwaysRun, "alwaysRun"));
        if (allArtifacts && resume) {
            throw new IllegalArgumentException("choose either 'all' (run every artifact again) or 'resume' (run only"
                    + " what has not succeeded yet), not both");
        }
        if (!resume && !succeeded.isEmpty()) {
            throw new IllegalArgumentException("succeeded artifacts are only left out when resuming");
        }
    }

    public static PromotionScope changed() {
        return new PromotionScope(false, false, Set.of());
    }

    public static PromotionScope all() {
        return new PromotionScope(true, false, Set.of());
    }

    public static PromotionScope resume(Set<String> succeeded) {
        return new PromotionScope(false, true, succeeded);
    }

    /**
     * The scope a user asked for with the {@code all} and {@code resume} switches; {@code succeeded} is what
     * the ledger records as done for this release, used only when resuming.
     */
    public static PromotionScope of(boolean all, boolean resume, Set<String> succeeded) {
        return new PromotionScope(all, resume, resume ? succeeded : Set.of());
    }

    /** The same scope, also running {@code artifactIds} where their manifest entry is unchanged. */
    public PromotionScope withAlwaysRun(Set<String> artifactIds) {
        return new PromotionScope(allArtifacts, resume, succeeded, artifactIds);
    }

    /** Why {@code artifact} is left out, or {@code null} when it runs. */
    String skipReason(PlannedArtifact artifact) {
        if (artifact.change() == ChangeKind.REMOVED) {
            return "removed";
        }
        if (allArtifacts) {
            return null;
        }
        if (!artifact.change().needsWork() && !alwaysRun.contains(artifact.id())) {
            return "unchanged";
        }
        return succeeded.contains(artifact.id()) ? "succeeded" : null;
    }
}
