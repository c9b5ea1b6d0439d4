package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Objects;

/** A product released as one unit: a version, a release candidate number, its deployments and images. */
public record Product(
        String name, String releaseVersion, int releaseCandidate, List<Deployment> deployments, List<Image> images) {

    public Product {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(releaseVersion, "releaseVersion");
        deployments = List.copyOf(deployments);
        images = List.copyOf(images);
    }

    /** How people say it: {@code 1.9.0-rc2}. */
    public String displayVersion() {
        return releaseVersion + "-rc" + releaseCandidate;
    }
}
