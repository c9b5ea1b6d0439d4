package io.jenkins.plugins.releasetrain.changelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.image.BlobStore;
import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.ManifestContent;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import io.jenkins.plugins.releasetrain.manifest.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads an image's origin from its registry: the manifest under the tag (for an index, its first image, whose
 * labels every platform shares when built from one commit) and that image's configuration blob, at most
 * {@link #MAX_CONFIG_BYTES} and verified against its digest.
 */
public final class RegistryImageOrigins implements ImageOrigins {

    /** Image configurations are a few kilobytes; a larger one is refused rather than read. */
    static final int MAX_CONFIG_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageRegistry registry;

    public RegistryImageOrigins(ImageRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<ImageOrigin> of(String repository, String tag) {
        ImageRef ref = ImageRef.tagged(repository, tag);
        try {
            Optional<ImageManifest> found = registry.manifest(ref);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ImageManifest manifest = found.get();
            ImageManifest image = manifest;
            if (manifest.isIndex()) {
                ManifestContent index = ManifestContent.of(manifest);
                if (index.manifests().isEmpty()) {
                    throw new ImageOriginException(ref + " is an empty image index");
                }
                image = registry.manifest(ImageRef.digested(
                                repository, index.manifests().get(0).digest()))
                        .orElseThrow(() -> new ImageOriginException(ref + " names an image the registry lacks"));
            }
            JsonNode labels = config(repository, ref, ManifestContent.of(image))
                    .path("config")
                    .path("Labels");
            return Optional.of(new ImageOrigin(
                    manifest.digest().toString(),
                    label(labels, ImageOrigin.REVISION_LABEL),
                    label(labels, ImageOrigin.SOURCE_LABEL)));
        } catch (RegistryException e) {
            throw new ImageOriginException(
                    "cannot read " + ref + " in " + registry.reference() + ": " + e.getMessage(), e);
        }
    }

    private JsonNode config(String repository, ImageRef ref, ManifestContent image) throws RegistryException {
        BlobStore blobs = registry.blobs()
                .orElseThrow(() -> new ImageOriginException(registry.reference() + " does not serve blobs"));
        if (image.blobs().isEmpty()) {
            throw new ImageOriginException(ref + " has no image configuration");
        }
        Descriptor config = image.blobs().get(0);
        if (config.size() > MAX_CONFIG_BYTES) {
            throw new ImageOriginException(ref + "'s configuration is " + config.size() + " bytes, more than the "
                    + MAX_CONFIG_BYTES + " read");
        }
        byte[] bytes;
        try (InputStream in = blobs.openBlob(repository, config)) {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        } catch (IOException e) {
            throw new ImageOriginException("cannot read the configuration of " + ref + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_CONFIG_BYTES || !Digest.sha256(bytes).equals(config.digest())) {
            throw new ImageOriginException(
                    "the configuration of " + ref + " does not match its digest " + config.digest());
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ImageOriginException("the configuration of " + ref + " is not JSON", e);
        }
    }

    private static Optional<String> label(JsonNode labels, String name) {
        JsonNode value = labels.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(PrintableText.of(value.asText().strip(), 300))
                : Optional.empty();
    }
}
