package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.image.Digest;
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
 *
 * <p>A rollback pins images: each pinned image's destination tag is pointed at the exact digest it had after the run
 * the rollback goes back to, moving it if it points elsewhere now (going back is the point).
 */
public final class RegistryImageTagging implements ImageTagging {

    private final ImageRegistry registry;
    private final PromotionOptions options;
    private final Map<String, String> pins;

    /** Tags in {@code registry}, which the caller opens and closes. */
    public RegistryImageTagging(ImageRegistry registry) {
        this(registry, Map.of());
    }

    /**
     * Tags in {@code registry}; an image whose artifact id is in {@code pins} gets the digest given there instead
     * of its source tag's.
     */
    public RegistryImageTagging(ImageRegistry registry, Map<String, String> pins) {
        this.registry = Objects.requireNonNull(registry, "registry");
        // The run already fans out one task per image; each promotion handles its one image.
        this.options = PromotionOptions.DEFAULTS.withConcurrency(1);
        this.pins = Map.copyOf(pins);
    }

    @Override
    public TaskOutcome tag(Release release, ImageArtifact image) {
        String pin = pins.get(image.id());
        PromotionRequest request = pin == null
                ? PromotionRequest.retag(
                        image.id(), image.image().repoName(), image.image().sourceTag(), image.destinationTag())
                : PromotionRequest.pinned(
                        image.id(), image.image().repoName(), Digest.parse(pin), image.destinationTag());
        PromotionReport report =
                new ImagePromotion(registry, pin == null ? options : options.withForce(true)).run(List.of(request));
        ImageResult result = report.images().get(0);
        String line = result.describe() + "\n";
        return outcome(image, result, line).withDetails(digests(result));
    }

    private TaskOutcome outcome(ImageArtifact image, ImageResult result, String line) {
        return switch (result.status()) {
            case TAGGED ->
                TaskOutcome.succeeded(
                        (pins.containsKey(image.id())
                                        ? "moved " + image.destinationTag() + " back to " + result.digest()
                                        : "tagged " + image.destinationTag())
                                + " in " + registry.reference(),
                        line);
            case UNCHANGED ->
                TaskOutcome.unchanged(
                        image.destinationTag()
                                + (pins.containsKey(image.id())
                                        ? " already points at " + result.digest()
                                        : " already points at the source's digest")
                                + " in " + registry.reference(),
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
