package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Objects;
import java.util.Optional;

/**
 * The image side of a run: give one image its environment's tag ({@link ImageArtifact#destinationTag()})
 * on the manifest its source tag points at. The image engine (package {@code image}) implements it for
 * registries and OCI layouts; a run without a registry uses {@link #unavailable}.
 *
 * <p>Implementations must be idempotent: an image already tagged with the same digest is {@link
 * io.jenkins.plugins.releasetrain.ledger.ArtifactStatus#UNCHANGED}, so re-running a release is safe.
 */
public interface ImageTagging {

    /** Tags the image and says how it went (registry errors are a failed outcome, not an exception). */
    TaskOutcome tag(Release release, ImageArtifact image) throws InterruptedException;

    /** Why this cannot tag anything at all, when so: a run then reports every image skipped with it. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** No image tagging: every image of a run is reported skipped with {@code reason}. */
    static ImageTagging unavailable(String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImageTagging() {
            @Override
            public TaskOutcome tag(Release release, ImageArtifact image) {
                return TaskOutcome.skipped(reason);
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(reason);
            }
        };
    }
}
