package io.jenkins.plugins.releasetrain.image;

import java.util.List;

/** A reference from a manifest to content: a config or layer blob, or (in an index) a manifest. */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls) {

    public Descriptor {
        urls = List.copyOf(urls);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, List.of());
    }

    /** Foreign layers (Windows base images) live at their {@code urls}, not in the registry. */
    public boolean isForeign() {
        return !urls.isEmpty() || MediaTypes.normalize(mediaType).contains(".foreign.");
    }
}
