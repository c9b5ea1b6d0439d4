package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Objects;

/**
 * What promoting {@code from} (say staging) into {@code to}'s environment (production) would change
 * there: the artifacts production would gain ({@link ChangeKind#ADDED}), change or lose ({@link
 * ChangeKind#REMOVED}). Destination tags differ between environments by design and are not compared.
 */
public record EnvironmentDiff(Release from, Release to, List<ProductChange> products, List<PlannedArtifact> artifacts) {

    public EnvironmentDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        products = List.copyOf(products);
        artifacts = List.copyOf(artifacts);
    }

    public static EnvironmentDiff of(Release from, Release to) {
        ArtifactComparison comparison = new ArtifactComparison(true);
        return new EnvironmentDiff(from, to, comparison.products(to, from), comparison.artifacts(to, from));
    }

    public long count(ChangeKind change) {
        return artifacts.stream().filter(a -> a.change() == change).count();
    }

    /** True when promoting would change nothing: the environments run the same content. */
    public boolean isInSync() {
        return artifacts.stream().allMatch(a -> a.change() == ChangeKind.UNCHANGED)
                && products.stream().allMatch(p -> p.change() == ChangeKind.UNCHANGED);
    }
}
