package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic images (config, layers, manifest; or an index of two platforms) pushed with the project's
 * own client. Manifests are written with unusual spacing and key order on purpose: any client that
 * re-serialized them would change their digest, and the tests would see it.
 */
public final class TestImages {

    /** Docker v2 or OCI media types throughout an image. */
    public enum Flavor {
        OCI(
                MediaTypes.OCI_MANIFEST,
                MediaTypes.OCI_INDEX,
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar+gzip"),
        DOCKER(
                MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_MANIFEST_LIST,
                "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");

        final String manifestType;
        final String indexType;
        final String configType;
        final String layerType;

        Flavor(String manifestType, String indexType, String configType, String layerType) {
            this.manifestType = manifestType;
            this.indexType = indexType;
            this.configType = configType;
            this.layerType = layerType;
        }
    }

    /** An image as pushed: its top manifest (or index) and every blob of it. */
    public record Pushed(String repository, String tag, ImageManifest manifest, List<Descriptor> blobs) {}

    private TestImages() {}

    /** Pushes a single-platform image; {@code seed} makes its content (and digest) unique. */
    public static Pushed pushImage(ImageRegistry registry, String repository, String tag, Flavor flavor, String seed)
            throws RegistryException {
        return pushImage(registry, repository, tag, flavor, seed, "amd64");
    }

    static Pushed pushImage(
            ImageRegistry registry, String repository, String tag, Flavor flavor, String seed, String architecture)
            throws RegistryException {
        return pushLabelled(registry, repository, tag, flavor, seed, architecture, Map.of());
    }

    /** An image whose configuration carries {@code labels} (besides its seed), as {@code docker build --label}. */
    public static Pushed pushLabelled(
            ImageRegistry registry, String repository, String tag, String seed, Map<String, String> labels)
            throws RegistryException {
        return pushLabelled(registry, repository, tag, Flavor.OCI, seed, "amd64", labels);
    }

    private static Pushed pushLabelled(
            ImageRegistry registry,
            String repository,
            String tag,
            Flavor flavor,
            String seed,
            String architecture,
            Map<String, String> labels)
            throws RegistryException {
        BlobStore blobs = registry.blobs().orElseThrow();
        Map<String, String> all = new TreeMap<>(labels);
        all.put("seed", seed);
        byte[] config;
        try {
            config = ("{\"architecture\":\"" + architecture
                            + "\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
                            + "\"config\":{\"Labels\":" + new ObjectMapper().writeValueAsString(all)
                            + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] shared = bytes("shared-layer", 3000);
        byte[] own = bytes("layer-" + seed + "-" + architecture, 1500);
        List<Descriptor> descriptors = new ArrayList<>();
        descriptors.add(Descriptor.of(flavor.configType, Digest.sha256(config), config.length));
        descriptors.add(Descriptor.of(flavor.layerType, Digest.sha256(shared), shared.length));
        descriptors.add(Descriptor.of(flavor.layerType, Digest.sha256(own), own.length));
        byte[][] contents = {config, shared, own};
        for (int i = 0; i < contents.length; i++) {
            if (!blobs.hasBlob(repository, descriptors.get(i))) {
                blobs.putBlob(repository, descriptors.get(i), new ByteArrayInputStream(contents[i]));
            }
        }
        String json = "{\n   \"schemaVersion\" : 2,\n   \"mediaType\" : \"" + flavor.manifestType + "\",\n"
                + "   \"config\" : " + descriptorJson(descriptors.get(0)) + ",\n"
                + "   \"layers\" : [\n      " + descriptorJson(descriptors.get(1)) + ",\n      "
                + descriptorJson(descriptors.get(2)) + "\n   ]\n}\n";
        ImageManifest manifest = manifest(json, flavor.manifestType);
        registry.putManifest(ImageRef.tagged(repository, tag), manifest);
        return new Pushed(repository, tag, manifest, descriptors);
    }

    /** Pushes {@code count} images {@code tagPrefix + i}, eight at a time, returned in order. */
    public static List<Pushed> pushImages(
            ImageRegistry registry, String repository, String tagPrefix, int count, Flavor flavor, String seed)
            throws Exception {
        if (count == 0) {
            return List.of();
        }
        // The first image uploads the layer all images share; uploading one blob from many threads at once
        // trips a race in the distribution registry's filesystem driver (HTTP 500 on HEAD).
        Pushed first = pushImage(registry, repository, tagPrefix + 0, flavor, seed + "-0");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Pushed>> futures = new ArrayList<>();
            futures.add(java.util.concurrent.CompletableFuture.completedFuture(first));
            for (int i = 1; i < count; i++) {
                String tag = tagPrefix + i;
                String unique = seed + "-" + i;
                futures.add(pool.submit(() -> pushImage(registry, repository, tag, flavor, unique)));
            }
            List<Pushed> pushed = new ArrayList<>();
            for (java.util.concurrent.Future<Pushed> future : futures) {
                pushed.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return pushed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pushes an index of two platforms (amd64, arm64), each child pushed by digest first. */
    public static Pushed pushIndex(ImageRegistry registry, String repository, String tag, Flavor flavor, String seed)
            throws RegistryException {
        List<Descriptor> blobs = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (String architecture : List.of("amd64", "arm64")) {
            String childTag = "child-" + Integer.toHexString(seed.hashCode()) + "-" + architecture;
            Pushed child = pushImage(registry, repository, childTag, flavor, seed, architecture);
            blobs.addAll(child.blobs());
            if (entries.length() > 0) {
                entries.append(",\n");
            }
            entries.append("  {\"mediaType\": \"")
                    .append(flavor.manifestType)
                    .append("\", \"size\": ")
                    .append(child.manifest().size())
                    .append(", \"digest\": \"")
                    .append(child.manifest().digest())
                    .append("\", \"platform\": {\"os\": \"linux\", \"architecture\": \"")
                    .append(architecture)
                    .append("\"}}");
        }
        String json = "{\"schemaVersion\": 2, \"mediaType\": \"" + flavor.indexType + "\",\n \"manifests\": [\n"
                + entries + "\n ]}";
        ImageManifest index = manifest(json, flavor.indexType);
        registry.putManifest(ImageRef.tagged(repository, tag), index);
        return new Pushed(repository, tag, index, blobs);
    }

    static ImageManifest manifest(String json, String mediaType) {
        try {
            return ImageManifest.verified(json.getBytes(StandardCharsets.UTF_8), mediaType, null);
        } catch (InvalidManifestException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String descriptorJson(Descriptor d) {
        return "{ \"mediaType\": \"" + d.mediaType() + "\", \"size\": " + d.size() + ", \"digest\": \"" + d.digest()
                + "\" }";
    }

    /** Deterministic bytes for a seed. */
    static byte[] bytes(String seed, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[length];
            byte[] block = sha.digest(seed.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < length; i++) {
                if (i % block.length == 0 && i > 0) {
                    block = sha.digest(block);
                }
                out[i] = block[i % block.length];
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
