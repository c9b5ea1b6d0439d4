package io.jenkins.plugins.releasetrain.image;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes of a manifest (or image index) with its media type and digest.
 *
 * <p>Only {@link #verified} creates one, so every instance is known to hash to its digest, to be at
 * most {@link #MAX_BYTES} long and to have one of the {@link MediaTypes#MANIFESTS} types: a registry
 * that lies about a digest or serves something else is refused before anything is written.
 */
public final class ImageManifest {

    /** 4 MiB: Amazon ECR's limit and the distribution registry's default, and far above real manifests. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Digest digest;
    private final String mediaType;
    private final byte[] bytes;

    private ImageManifest(Digest digest, String mediaType, byte[] bytes) {
        this.digest = digest;
        this.mediaType = mediaType;
        this.bytes = bytes;
    }

    /**
     * Checks {@code bytes} against the digest a registry claims for them ({@code null} when it claimed
     * none, then the sha256 of the bytes is their digest).
     */
    public static ImageManifest verified(byte[] bytes, String mediaType, Digest claimed)
            throws InvalidManifestException {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidManifestException(
                    "manifest is " + bytes.length + " bytes, over the " + MAX_BYTES + " byte limit");
        }
        if (bytes.length == 0) {
            throw new InvalidManifestException("manifest is empty");
        }
        String type = MediaTypes.normalize(mediaType);
        if (!MediaTypes.isManifest(type)) {
            throw new InvalidManifestException("unsupported manifest media type '" + mediaType + "' (supported: "
                    + String.join(", ", MediaTypes.MANIFESTS) + ")");
        }
        Digest actual;
        if (claimed == null) {
            actual = Digest.sha256(bytes);
        } else if (claimed.matches(bytes)) {
            actual = claimed;
        } else {
            throw new InvalidManifestException(
                    "manifest bytes do not hash to the digest the registry claims (" + claimed + ")");
        }
        return new ImageManifest(actual, type, bytes.clone());
    }

    public Digest digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }

    public int size() {
        return bytes.length;
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    /** The manifest as text; manifests are UTF-8 JSON, and APIs such as ECR's carry them as strings. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageManifest other
                && digest.equals(other.digest)
                && mediaType.equals(other.mediaType)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + bytes.length + " bytes)";
    }
}
