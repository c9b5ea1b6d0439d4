package io.jenkins.plugins.releasetrain.image;

import java.util.Objects;
import java.util.Optional;

/** What a registry holds under a tag: a manifest, nothing, or something it could not tell us. */
public sealed interface TagState permits TagState.Present, TagState.Missing, TagState.Unreadable {

    static TagState present(Digest digest, String mediaType) {
        return new Present(digest, mediaType, null);
    }

    static TagState present(ImageManifest manifest) {
        return new Present(manifest.digest(), manifest.mediaType(), manifest);
    }

    static TagState missing() {
        return new Missing();
    }

    static TagState unreadable(String reason) {
        return new Unreadable(reason);
    }

    /**
     * The tag exists. {@code manifest} is null when only the digest was learned (a HEAD request, a
     * listing); {@code mediaType} may be empty when the backend could not tell it cheaply.
     */
    record Present(Digest digest, String mediaType, ImageManifest manifestOrNull) implements TagState {
        public Present {
            Objects.requireNonNull(digest, "digest");
            mediaType = mediaType == null ? "" : mediaType;
        }

        public Optional<ImageManifest> manifest() {
            return Optional.ofNullable(manifestOrNull);
        }
    }

    /** The tag (or the whole repository) does not exist. */
    record Missing() implements TagState {}

    /** The lookup failed; {@code reason} says why, for the image's result. */
    record Unreadable(String reason) implements TagState {}
}
