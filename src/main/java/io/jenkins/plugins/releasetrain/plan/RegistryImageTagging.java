package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Image tagging by the image engine ({@link ImagePromotion}): each image's destination tag is pointed at the
 * exact manifest of its source tag in the same repository. A tag already there is {@code unchanged}; one
 * at another digest is refused (moving an environment tag is for {@code release-train tag-images --force}).
 */
public final class RegistryImageTagging implements ImageTagging {

    private final ImageRegistry registry;
    private final PromotionOptions options;

    /** Tags in {@code registry}, which the caller opens and closes. */
    public RegistryImageTagging(ImageRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        // The run already fans out one task per image; each promotion handles its one image.
        this.options = PromotionOptions.DEFAULTS.withConcurrency(1);
    }

    @Override
    public TaskOutcome tag(Release release, ImageArtifact image) {
        PromotionRequest request = PromotionRequest.retag(
                image.id(), image.image().repoName(), image.image().sourceTag(), image.destinationTag());
        PromotionReport report = new ImagePromotion(registry, options).run(List.of(request));
        ImageResult result = report.images().get(0);
        String line = result.describe() + "\n";
        return outcome(image, result, line).withDetails(digests(result));
    }

    private TaskOutcome outcome(ImageArtifact image, ImageResult result, String line) {
        return switch (result.status()) {
            case TAGGED ->
                TaskOutcome.succeeded("tagged " + image.destinationTag() + " in " + registry.reference(), line);
            case UNCHANGED ->
                TaskOutcome.unchanged(
                        image.destinationTag() + " already points at the source's digest in " + registry.reference(),
                        line);
            case WOULD_TAG -> TaskOutcome.skipped("dry run: " + image.destinationTag() + " would be tagged");
            case FAILED -> TaskOutcome.failed(result.reason() == null ? "failed" : result.reason(), line);
        };
    }

    /** What the destination tag points at now, and pointed at before when the run moved it. */
    private static Map<String, String> digests(ImageResult result) {
        Map<String, String> digests = new TreeMap<>();
        if (result.digest() != null
                && (result.status() == PromotionStatus.TAGGED || result.status() == PromotionStatus.UNCHANGED)) {
            digests.put(ArtifactResult.DIGEST, result.digest());
        }
        if (result.previousDigest() != null) {
            digests.put(ArtifactResult.PREVIOUS_DIGEST, result.previousDigest());
        }
        return digests;
    }
}
