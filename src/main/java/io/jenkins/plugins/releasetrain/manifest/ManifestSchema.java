package io.jenkins.plugins.releasetrain.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema of release manifests, shipped for editors. It states what a schema can state (keys,
 * types, formats); the rules across values (uniqueness, destination tags, placeholder SHAs) belong to
 * {@link ManifestLoader} alone, and a test keeps the two in agreement on a corpus of manifests.
 */
public final class ManifestSchema {

    public static final String RESOURCE = "release-manifest.schema.json";

    private ManifestSchema() {}

    public static String text() {
        try (InputStream in = ManifestSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
