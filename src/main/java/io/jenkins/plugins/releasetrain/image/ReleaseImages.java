package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.List;

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
}
