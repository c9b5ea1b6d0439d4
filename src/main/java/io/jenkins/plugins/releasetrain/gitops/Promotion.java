package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ProductChange;
import java.util.List;
import java.util.Objects;

/**
 * The target environment's manifest with a promotion applied, as text edited in place.
 *
 * @param originalText the target manifest as it was
 * @param promotedText the same text with only the promoted values (and any added or removed items) changed
 * @param before the target's release as it was
 * @param after the target's release after the promotion (its id is the commit's {@code Release-Id})
 * @param artifacts what changes in the target, per artifact, as seen from it: added, changed (with the
 *     fields) or removed
 * @param products the products whose version changes (or that are added or removed)
 * @param notes things the reviewer should know: a product version left alone, a destination tag not copied
 */
public record Promotion(
        String fromEnvironment,
        String toEnvironment,
        String originalText,
        String promotedText,
        Release before,
        Release after,
        List<PlannedArtifact> artifacts,
        List<ProductChange> products,
        List<String> notes) {

    public Promotion {
        Objects.requireNonNull(fromEnvironment, "fromEnvironment");
        Objects.requireNonNull(toEnvironment, "toEnvironment");
        Objects.requireNonNull(originalText, "originalText");
        Objects.requireNonNull(promotedText, "promotedText");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        artifacts = List.copyOf(artifacts);
        products = List.copyOf(products);
        notes = List.copyOf(notes);
    }

    /** True when the target already has everything selected: there is nothing to commit. */
    public boolean changesNothing() {
        return originalText.equals(promotedText);
    }
}
