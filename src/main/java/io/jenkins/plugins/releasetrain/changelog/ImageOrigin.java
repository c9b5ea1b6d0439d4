package io.jenkins.plugins.releasetrain.changelog;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an image came from, as its configuration's OCI labels say.
 *
 * @param digest   the image's manifest digest
 * @param revision {@code org.opencontainers.image.revision}: the commit it was built from, when labelled
 * @param source   {@code org.opencontainers.image.source}: the repository URL, when labelled
 */
public record ImageOrigin(String digest, Optional<String> revision, Optional<String> source) {

    public static final String REVISION_LABEL = "org.opencontainers.image.revision";
    public static final String SOURCE_LABEL = "org.opencontainers.image.source";

    public ImageOrigin {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
    }
}
