package io.jenkins.plugins.releasetrain.jenkins;

import io.jenkins.plugins.releasetrain.image.BlobStore;
import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The images of the example manifests ({@code product1/microservice-1:dev_123} and its two siblings), built
 * into OCI image layouts by the image engine itself, so that {@code tagImages} has a registry without a
 * network or a container engine.
 */
final class ExampleImages {

    static final String[][] IMAGES = {
        {"product1/microservice-1", "dev_123"},
        {"product1/microservice-2", "dev_456"},
        {"product1/microservice-3", "dev_789"}
    };

    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    private ExampleImages() {}

    /** Builds the three images in {@code directory}, one layout per repository. */
    static void build(Path directory) throws Exception {
        try (OciLayoutRegistry layout = new OciLayoutRegistry(directory)) {
            for (String[] image : IMAGES) {
                push(layout, image[0], image[1]);
            }
        }
    }

    /** The digest {@code repository:tag} points at in the layouts of {@code directory}, if it exists. */
    static Optional<Digest> digest(Path directory, String repository, String tag) throws Exception {
        try (OciLayoutRegistry layout = new OciLayoutRegistry(directory)) {
            TagState state = layout.digest(ImageRef.tagged(repository, tag));
            return state instanceof TagState.Present present ? Optional.of(present.digest()) : Optional.empty();
        }
    }

    /**
     * Pushes one more image to {@code repository:tag} in the layouts of {@code directory}, its content made unique
     * by {@code seed} (as a rebuilt image or a tag moved by hand), and returns its digest.
     */
    static Digest push(Path directory, String repository, String tag, String seed) throws Exception {
        try (OciLayoutRegistry layout = new OciLayoutRegistry(directory)) {
            push(layout, repository, tag, seed);
        }
        return digest(directory, repository, tag).orElseThrow();
    }

    private static void push(OciLayoutRegistry layout, String repository, String tag) throws Exception {
        push(layout, repository, tag, repository + ":" + tag);
    }

    private static void push(OciLayoutRegistry layout, String repository, String tag, String seed) throws Exception {
        BlobStore blobs = layout.blobs().orElseThrow();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"image\":\"" + seed
                        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("the only file of " + seed + "\n").getBytes(StandardCharsets.UTF_8);
        Descriptor configBlob = Descriptor.of(CONFIG, Digest.sha256(config), config.length);
        Descriptor layerBlob = Descriptor.of(LAYER, Digest.sha256(layer), layer.length);
        blobs.putBlob(repository, configBlob, new ByteArrayInputStream(config));
        blobs.putBlob(repository, layerBlob, new ByteArrayInputStream(layer));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"," + "\"config\":"
                + json(configBlob) + ",\"layers\":[" + json(layerBlob) + "]}";
        layout.putManifest(
                ImageRef.tagged(repository, tag),
                ImageManifest.verified(manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null));
    }

    private static String json(Descriptor blob) {
        return "{\"mediaType\":\"" + blob.mediaType() + "\",\"digest\":\"" + blob.digest() + "\",\"size\":"
                + blob.size() + "}";
    }
}
