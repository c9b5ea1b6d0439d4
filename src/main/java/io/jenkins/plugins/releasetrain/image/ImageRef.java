package io.jenkins.plugins.releasetrain.image;

import java.util.Objects;

/**
 * A manifest in a repository, named by a tag ({@code product1/app:dev_123}) or a digest
 * ({@code product1/app@sha256:...}). Names are checked by {@link ImageNames} before any request.
 */
public record ImageRef(String repository, String reference) {

    public ImageRef {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(reference, "reference");
    }

    public static ImageRef tagged(String repository, String tag) {
        return new ImageRef(repository, tag);
    }

    public static ImageRef digested(String repository, Digest digest) {
        return new ImageRef(repository, digest.toString());
    }

    public boolean isDigest() {
        return reference.contains(":");
    }

    @Override
    public String toString() {
        return repository + (isDigest() ? "@" : ":") + reference;
    }
}
