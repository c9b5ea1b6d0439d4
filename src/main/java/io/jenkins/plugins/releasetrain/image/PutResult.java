package io.jenkins.plugins.releasetrain.image;

import java.util.Objects;

/**
 * What a manifest put did: the digest the registry reports for what it now holds under the tag, and
 * whether anything changed ({@code false} when the registry says the tag already held exactly this
 * manifest, as ECR does with {@code ImageAlreadyExistsException}).
 */
public record PutResult(Digest digest, boolean changed) {

    public PutResult {
        Objects.requireNonNull(digest, "digest");
    }

    public static PutResult written(Digest digest) {
        return new PutResult(digest, true);
    }

    public static PutResult alreadyThere(Digest digest) {
        return new PutResult(digest, false);
    }
}
