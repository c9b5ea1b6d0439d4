package io.jenkins.plugins.releasetrain.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated release manifest: one environment and the products to run there. Only {@link
 * ManifestLoader} builds one from text, after validation, so a {@code Release} is always well formed.
 */
public record Release(Environment environment, List<Product> products) {

    public Release {
        Objects.requireNonNull(environment, "environment");
        products = List.copyOf(products);
    }

    /** Every artifact in manifest order: each product's deployments, then its images. */
    public List<Artifact> artifacts() {
        List<Artifact> artifacts = new ArrayList<>();
        for (Product product : products) {
            for (Deployment deployment : product.deployments()) {
                artifacts.add(new DeploymentArtifact(product.name(), deployment));
            }
            for (Image image : product.images()) {
                artifacts.add(new ImageArtifact(product.name(), image, image.destinationTagIn(environment)));
            }
        }
        return List.copyOf(artifacts);
    }

    public Optional<Artifact> artifact(String id) {
        return artifacts().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Optional<Product> product(String name) {
        return products.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The content hash of the release; see {@link ReleaseId}. */
    public ReleaseId id() {
        return ReleaseId.of(this);
    }
}
