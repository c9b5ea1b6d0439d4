package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptors a manifest references: child manifests of an index, config and layers of an image
 * manifest. Read only to copy content between repositories; the manifest bytes themselves are never
 * rewritten.
 */
public record ManifestContent(List<Descriptor> manifests, List<Descriptor> blobs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ManifestContent {
        manifests = List.copyOf(manifests);
        blobs = List.copyOf(blobs);
    }

    public static ManifestContent of(ImageManifest manifest) throws InvalidManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(manifest.openStream());
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(
                    "manifest " + manifest.digest() + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidManifestException("manifest " + manifest.digest() + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException("manifest " + manifest.digest() + " is not a JSON object");
        }
        List<Descriptor> manifests = new ArrayList<>();
        List<Descriptor> blobs = new ArrayList<>();
        if (manifest.isIndex()) {
            for (JsonNode node : root.path("manifests")) {
                manifests.add(descriptor(node, manifest));
            }
        } else {
            JsonNode config = root.get("config");
            if (config != null) {
                blobs.add(descriptor(config, manifest));
            }
            for (JsonNode node : root.path("layers")) {
                blobs.add(descriptor(node, manifest));
            }
        }
        return new ManifestContent(manifests, blobs);
    }

    private static Descriptor descriptor(JsonNode node, ImageManifest in) throws InvalidManifestException {
        try {
            List<String> urls = new ArrayList<>();
            node.path("urls").forEach(url -> urls.add(url.asText()));
            return new Descriptor(
                    node.path("mediaType").asText(""),
                    Digest.parse(node.path("digest").asText("")),
                    node.path("size").asLong(-1),
                    urls);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifestException("manifest " + in.digest() + " has a bad descriptor: " + e.getMessage());
        }
    }
}
