package io.jenkins.plugins.releasetrain.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated release manifest: one environment and the products to run there. Only {@link
 * ManifestLoader} builds one from text, after validation, so a {@code Release} is always well formed.
 *
 * <p>A value like a record, but a class so that its {@link #id()} — a hash of the whole release, asked for
 * once per artifact by runs, plans and records — is computed once.
 */
public final class Release {

    private final Environment environment;
    private final List<Product> products;
    private volatile ReleaseId id;

    public Release(Environment environment, List<Product> products) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.products = List.copyOf(products);
    }

    public Environment environment() {
        return environment;
    }

    public List<Product> products() {
        return products;
    }

    /** Every artifact in manifest order: each product's deployments, then its images. */
    public List<Artifact> artifacts() {
        List<Artifact> artifacts = new ArrayList<>();
        for (Product product : products) {
            for (Deployment deployment : product.deployments()) {
                artifacts.add(deploymentArtifact(product, deployment));
            }
            for (Image image : product.images()) {
                artifacts.add(imageArtifact(product, image));
            }
        }
        return List.copyOf(artifacts);
    }

    /**
     * The artifact with this id. It is found through its product, without building every artifact, since
     * callers look artifacts up one by one in loops over whole releases.
     */
    public Optional<Artifact> artifact(String id) {
        // <product>/<kind>/<name>: product names and kinds hold no '/', image names may.
        int kindStart = id.indexOf('/') + 1;
        int nameStart = kindStart == 0 ? 0 : id.indexOf('/', kindStart) + 1;
        if (nameStart == 0) {
            return Optional.empty();
        }
        String kind = id.substring(kindStart, nameStart - 1);
        String name = id.substring(nameStart);
        return product(id.substring(0, kindStart - 1)).flatMap(product -> {
            if (kind.equals(ArtifactKind.DEPLOYMENT.idSegment())) {
                return product.deployments().stream()
                        .filter(d -> d.gitRepoShortName().equals(name))
                        .findFirst()
                        .map(d -> deploymentArtifact(product, d));
            } else if (kind.equals(ArtifactKind.IMAGE.idSegment())) {
                return product.images().stream()
                        .filter(i -> i.repoName().equals(name))
                        .findFirst()
                        .map(i -> imageArtifact(product, i));
            }
            return Optional.empty();
        });
    }

    public Optional<Product> product(String name) {
        return products.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Artifact deploymentArtifact(Product product, Deployment deployment) {
        return new DeploymentArtifact(product.name(), deployment);
    }

    private Artifact imageArtifact(Product product, Image image) {
        return new ImageArtifact(product.name(), image, image.destinationTagIn(environment));
    }

    /** The content hash of the release; see {@link ReleaseId}. */
    public ReleaseId id() {
        ReleaseId known = id;
        if (known == null) {
            // Two threads may both compute it; they get equal values, so no lock is needed.
            known = ReleaseId.of(this);
            id = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Release release
                && environment.equals(release.environment)
                && products.equals(release.products);
    }

    @Override
    public int hashCode() {
        return Objects.hash(environment, products);
    }

    @Override
    public String toString() {
        return "Release[environment=" + environment + ", products=" + products + "]";
    }
}
