package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.BlobStore;
import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.InvalidManifestException;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Small but real OCI images for the demo: one gzipped tar layer holding a text file that names the image,
 * its config, and its manifest. The same name and tag always give the same bytes, hence the same digest.
 */
final class DemoImages {

    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private DemoImages() {}

    /** Pushes {@code repository:tag} into {@code registry}, which must offer blob storage (an OCI layout). */
    static ImageManifest push(ImageRegistry registry, String repository, String tag) throws RegistryException {
        BlobStore blobs = registry.blobs()
                .orElseThrow(() -> new IllegalArgumentException(registry.reference() + " cannot store blobs"));
        byte[] tar = tar("release-train-demo.txt", (repository + ":" + tag + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] layer = gzip(tar);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{"
                        + "\"org.opencontainers.image.title\":\"" + repository + ":" + tag + "\"}},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor configBlob = Descriptor.of(CONFIG, Digest.sha256(config), config.length);
        Descriptor layerBlob = Descriptor.of(LAYER, Digest.sha256(layer), layer.length);
        blobs.putBlob(repository, configBlob, new ByteArrayInputStream(config));
        blobs.putBlob(repository, layerBlob, new ByteArrayInputStream(layer));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"," + "\"config\":"
                        + json(configBlob) + ",\"layers\":[" + json(layerBlob) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        ImageManifest verified;
        try {
            verified = ImageManifest.verified(manifest, MediaTypes.OCI_MANIFEST, null);
        } catch (InvalidManifestException e) {
            throw new IllegalStateException("the demo's own manifest is valid: " + e.getMessage(), e);
        }
        registry.putManifest(ImageRef.tagged(repository, tag), verified);
        return verified;
    }

    private static String json(Descriptor descriptor) {
        return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
                + descriptor.size() + "}";
    }

    /** A POSIX ustar archive of one regular file, dated at the epoch so that it is reproducible. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
