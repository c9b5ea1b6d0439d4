package io.jenkins.plugins.releasetrain.manifest;

/**
 * Bounds that keep reading a manifest cheap whatever the input: a manifest is data a pull request author
 * controls, so size, nesting, aliases and expansion are all capped before any work grows with them.
 *
 * @param maxBytes largest file accepted, checked before decoding
 * @param maxDepth deepest nesting of mappings and sequences
 * @param maxCollectionSize most entries in one mapping or sequence
 * @param maxAliases most {@code *alias} references in one file
 * @param maxNodes most nodes visited with aliases expanded (what a "billion laughs" file inflates)
 * @param maxScalarLength longest single value, in characters
 */
public record ManifestLimits(
        int maxBytes, int maxDepth, int maxCollectionSize, int maxAliases, int maxNodes, int maxScalarLength) {

    /** Generous for real manifests (5,000 artifacts is about 1.3 MB) and still cheap to refuse. */
    public static final ManifestLimits DEFAULT = new ManifestLimits(8 * 1024 * 1024, 16, 20_000, 16, 1_000_000, 4096);

    public ManifestLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxCollectionSize <= 0 || maxAliases < 0 || maxNodes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
