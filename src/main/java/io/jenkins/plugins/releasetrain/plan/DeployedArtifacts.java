package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is live in an environment, artifact by artifact (the ledger's state), for planning.
 *
 * @param artifacts       the live artifacts by id
 * @param productVersions each product's version as last released there ({@code 1.9.0-rc2}), by name
 */
public record DeployedArtifacts(Map<String, Artifact> artifacts, Map<String, String> productVersions) {

    public DeployedArtifacts {
        artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
        productVersions = Collections.unmodifiableMap(new LinkedHashMap<>(productVersions));
    }

    /** Nothing live yet: a first release. */
    public static DeployedArtifacts none() {
        return new DeployedArtifacts(Map.of(), Map.of());
    }

    /** Everything of {@code release} live, as after it succeeded. */
    public static DeployedArtifacts of(Release release) {
        Map<String, Artifact> artifacts = new LinkedHashMap<>();
        release.artifacts().forEach(a -> artifacts.put(a.id(), a));
        Map<String, String> versions = new LinkedHashMap<>();
        for (Product product : release.products()) {
            versions.put(product.name(), product.displayVersion());
        }
        return new DeployedArtifacts(artifacts, versions);
    }
}
