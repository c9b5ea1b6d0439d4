package io.jenkins.plugins.releasetrain.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:4f5e...}: the identity of a manifest or blob. */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        boolean valid = ("sha256".equals(algorithm)
                        && hex != null
                        && SHA256.matcher(hex).matches())
                || ("sha512".equals(algorithm)
                        && hex != null
                        && SHA512.matcher(hex).matches());
        if (!valid) {
            throw new IllegalArgumentException("not a sha256 or sha512 digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} with a user-facing message. */
    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest: " + text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static boolean isDigest(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return new Digest(
                "sha256", HexFormat.of().formatHex(newMessageDigest("sha256").digest(bytes)));
    }

    /** Whether {@code bytes} hash to this digest (with this digest's algorithm). */
    public boolean matches(byte[] bytes) {
        return hex.equals(HexFormat.of().formatHex(newMessageDigest(algorithm).digest(bytes)));
    }

    /** A fresh hasher for this digest's algorithm, for verifying streamed content. */
    public MessageDigest newHasher() {
        return newMessageDigest(algorithm);
    }

    static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance("sha512".equals(algorithm) ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and SHA-512", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
