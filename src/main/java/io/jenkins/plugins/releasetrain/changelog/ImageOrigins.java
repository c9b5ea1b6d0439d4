package io.jenkins.plugins.releasetrain.changelog;

import java.util.Optional;

/** Reads where an image under a tag came from; see {@link RegistryImageOrigins}. */
@FunctionalInterface
public interface ImageOrigins {

    /** Nothing is read: image entries of a changelog then say their origin was not looked up. */
    ImageOrigins NONE = (repository, tag) -> {
        throw new ImageOriginException("no registry given to read image labels from");
    };

    /**
     * The origin of the image {@code repository:tag}; empty when the tag does not exist.
     *
     * @throws ImageOriginException when the registry cannot be read, with a message for people
     */
    Optional<ImageOrigin> of(String repository, String tag);
}
