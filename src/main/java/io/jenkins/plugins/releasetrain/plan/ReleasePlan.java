package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What running {@code target} in its environment would do, compared with what is deployed there ({@code
 * deployed}, absent on a first release).
 */
public record ReleasePlan(
        Release target, Optional<Release> deployed, List<ProductChange> products, List<PlannedArtifact> artifacts) {

    public ReleasePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deployed, "deployed");
        products = List.copyOf(products);
        artifacts = List.copyOf(artifacts);
    }

    /** Plans {@code target} against the release deployed in its environment, or against nothing. */
    public static ReleasePlan of(Release target, Optional<Release> deployed) {
        ArtifactComparison comparison = new ArtifactComparison(false);
        Release baseline = deployed.orElse(null);
        return new ReleasePlan(
                target, deployed, comparison.products(baseline, target), comparison.artifacts(baseline, target));
    }

    /**
     * Plans {@code target} against what is live in its environment artifact by artifact, as the ledger
     * records it. After a partial run this is more exact than any one release: an artifact that failed
     * keeps its old version, the others are already at the new one. {@link #deployed()} is then empty.
     */
    public static ReleasePlan of(Release target, DeployedArtifacts deployed) {
        ArtifactComparison comparison = new ArtifactComparison(false);
        return new ReleasePlan(
                target,
                Optional.empty(),
                comparison.products(deployed.productVersions(), target),
                comparison.artifacts(deployed.artifacts().values(), target));
    }

    public long count(ChangeKind change) {
        return artifacts.stream().filter(a -> a.change() == change).count();
    }

    /** The artifacts a run has to deploy or tag: the added and the changed ones. */
    public List<PlannedArtifact> work() {
        return artifacts.stream().filter(a -> a.change().needsWork()).toList();
    }

    public boolean hasWork() {
        return artifacts.stream().anyMatch(a -> a.change().needsWork());
    }

    public Optional<PlannedArtifact> artifact(String id) {
        return artifacts.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
