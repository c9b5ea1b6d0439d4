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
 */
public record PromotionScope(boolean allArtifacts, boolean resume, Set<String> succeeded) {

    public PromotionScope {
        succeeded = Set.copyOf(Objects.requireNonNull(succeeded, "succeeded"));
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

    /** Why {@code artifact} is left out, or {@code null} when it runs. */
    String skipReason(PlannedArtifact artifact) {
        if (artifact.change() == ChangeKind.REMOVED) {
            return "removed";
        }
        if (allArtifacts) {
            return null;
        }
        if (!artifact.change().needsWork()) {
            return "unchanged";
        }
        return succeeded.contains(artifact.id()) ? "succeeded" : null;
    }
}
