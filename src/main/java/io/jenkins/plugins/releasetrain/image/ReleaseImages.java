package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The images of a release as promotion requests, in manifest order: each image's source tag gets its
 * destination tag in the release's environment ({@code destinationTag} if the manifest gives one, else
 * {@code destinationTagPrefix + "_" +} the part of the source tag after its first {@code _}), labelled
 * with the image's artifact id ({@code product1/image/product1/microservice-1}).
 */
public final class ReleaseImages {

    private ReleaseImages() {}

    public static List<PromotionRequest> requests(Release release) {
        List<PromotionRequest> requests = new ArrayList<>();
        for (Artifact artifact : release.artifacts()) {
            if (artifact instanceof ImageArtifact image) {
                requests.add(PromotionRequest.retag(
                        image.id(), image.image().repoName(), image.image().sourceTag(), image.destinationTag()));
            }
        }
        return List.copyOf(requests);
    }

    /**
     * The images of some products of the release, in manifest order.
     *
     * @throws IllegalArgumentException naming the products the release has, when one of {@code products} is not
     *     among them
     */
    public static List<PromotionRequest> requests(Release release, Set<String> products) {
        List<String> unknown = products.stream()
                .filter(p -> release.product(p).isEmpty())
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the release has no product " + String.join(", ", unknown)
                    + "; its products are "
                    + release.products().stream().map(Product::name).collect(Collectors.joining(", ")));
        }
        return requests(release).stream()
                .filter(r -> release.artifact(r.artifactId())
                        .filter(a -> products.contains(a.product()))
                        .isPresent())
                .toList();
    }
}
