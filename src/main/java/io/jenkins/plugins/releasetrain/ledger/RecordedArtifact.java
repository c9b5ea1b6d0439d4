package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.manifest.Deployment;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.Image;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An artifact as the ledger keeps it: enough to show it (product version, display version) and to rebuild
 * the exact {@link Artifact} for planning, without the manifest it came from.
 *
 * @param productVersion the product's version in that release, {@code 1.9.0-rc2}
 * @param version        the full commit SHA or the image's source tag
 */
public record RecordedArtifact(
        String id,
        String product,
        String productVersion,
        ArtifactKind kind,
        String version,
        String displayVersion,
        Map<String, String> attributes) {

    private static final List<String> DEPLOYMENT_ATTRIBUTES =
            List.of("gitRepoName", "gitCommit", "workflowBase", "deployTarget");
    private static final List<String> IMAGE_ATTRIBUTES = List.of("repoName", "sourceTag", "destinationTag");

    public RecordedArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(productVersion, "productVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(displayVersion, "displayVersion");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        String prefix = product + "/" + kind.idSegment() + "/";
        if (!id.startsWith(prefix) || id.length() == prefix.length()) {
            throw new IllegalArgumentException("artifact id " + id + " does not start with " + prefix);
        }
        List<String> required = kind == ArtifactKind.DEPLOYMENT ? DEPLOYMENT_ATTRIBUTES : IMAGE_ATTRIBUTES;
        for (String name : required) {
            if (attributes.get(name) == null) {
                throw new IllegalArgumentException("artifact " + id + " lacks its " + name + " attribute");
            }
        }
    }

    /** How {@code artifact} of {@code release} is recorded. */
    public static RecordedArtifact of(Release release, Artifact artifact) {
        String productVersion = release.product(artifact.product())
                .map(Product::displayVersion)
                .orElseThrow(() -> new IllegalArgumentException(artifact.id() + " is not an artifact of the release"));
        return new RecordedArtifact(
                artifact.id(),
                artifact.product(),
                productVersion,
                artifact.kind(),
                artifact.version(),
                artifact.displayVersion(),
                artifact.attributes());
    }

    /** The artifact itself, equal in every attribute to the one that was recorded. */
    public Artifact artifact() {
        String name = id.substring(product.length() + kind.idSegment().length() + 2);
        return switch (kind) {
            case DEPLOYMENT ->
                new DeploymentArtifact(
                        product,
                        new Deployment(
                                attributes.get("gitRepoName"),
                                name,
                                attributes.get("gitCommit"),
                                attributes.get("workflowBase"),
                                attributes.get("deployTarget")));
            case IMAGE -> {
                String destinationTag = attributes.get("destinationTag");
                yield new ImageArtifact(
                        product,
                        new Image(attributes.get("repoName"), attributes.get("sourceTag"), destinationTag),
                        destinationTag);
            }
        };
    }
}
