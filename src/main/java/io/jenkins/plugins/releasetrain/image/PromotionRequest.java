package io.jenkins.plugins.releasetrain.image;

import java.io.Serializable;
import java.util.Objects;

/**
 * One image to promote: make {@code destinationRepository:destinationTag} point at the manifest of
 * {@code sourceRepository:sourceTag}. {@code artifactId} is the release's id for the image
 * ({@code product/image/<repoName>}); it only labels the result. Names are validated by the promotion,
 * so a request may carry anything a manifest said.
 */
public record PromotionRequest(
        String artifactId,
        String sourceRepository,
        String sourceTag,
        String destinationRepository,
        String destinationTag)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PromotionRequest {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(sourceRepository, "sourceRepository");
        Objects.requireNonNull(sourceTag, "sourceTag");
        Objects.requireNonNull(destinationRepository, "destinationRepository");
        Objects.requireNonNull(destinationTag, "destinationTag");
    }

    /** The usual case: a second tag in the same repository. */
    public static PromotionRequest retag(
            String artifactId, String repository, String sourceTag, String destinationTag) {
        return new PromotionRequest(artifactId, repository, sourceTag, repository, destinationTag);
    }

    /**
     * A second tag in the same repository on an exact manifest: what a rollback restores, wherever the tag it
     * was first promoted from points now.
     */
    public static PromotionRequest pinned(String artifactId, String repository, Digest digest, String destinationTag) {
        return new PromotionRequest(artifactId, repository, digest.toString(), repository, destinationTag);
    }

    /** The source: {@code repository:tag}, or {@code repository@digest} for a {@link #pinned} request. */
    public ImageRef source() {
        return new ImageRef(sourceRepository, sourceTag);
    }

    public ImageRef destination() {
        return ImageRef.tagged(destinationRepository, destinationTag);
    }
}
