package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is live in an environment, artifact by artifact: for each artifact, its last result that left it
 * live ({@link ArtifactStatus#isLive()}), which tells the content and the release, and the result that
 * deployed that content, which tells when and by whom. After a partial run this is more exact than any
 * single release.
 *
 * @param asOf      the instant asked about, or empty for "now"
 * @param artifacts one per artifact id, sorted by id (so grouped by product)
 */
public record EnvironmentState(String environment, Optional<Instant> asOf, List<LiveArtifact> artifacts) {

    public EnvironmentState {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(asOf, "asOf");
        artifacts = artifacts.stream()
                .sorted(Comparator.comparing(LiveArtifact::artifactId))
                .toList();
    }

    public Optional<LiveArtifact> artifact(String artifactId) {
        return artifacts.stream().filter(a -> a.artifactId().equals(artifactId)).findFirst();
    }

    public boolean isEmpty() {
        return artifacts.isEmpty();
    }

    /** The live artifacts rebuilt, by id: what a plan compares a new release with. */
    public Map<String, Artifact> deployedArtifacts() {
        Map<String, Artifact> deployed = new LinkedHashMap<>();
        artifacts.forEach(a -> deployed.put(a.artifactId(), a.artifact().artifact()));
        return deployed;
    }

    /** Each product's version as last released here ({@code 1.9.0-rc2}), by product name. */
    public Map<String, String> productVersions() {
        Map<String, ArtifactResult> latest = new LinkedHashMap<>();
        for (LiveArtifact live : artifacts) {
            latest.merge(
                    live.artifact().product(), live.latest(), (a, b) -> b.time().isAfter(a.time()) ? b : a);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        latest.forEach(
                (product, result) -> versions.put(product, result.artifact().productVersion()));
        return versions;
    }
}
