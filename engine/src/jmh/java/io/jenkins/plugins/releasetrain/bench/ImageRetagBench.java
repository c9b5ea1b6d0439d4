package io.jenkins.plugins.releasetrain.bench;

import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image retagging, measured against its peers in one run on one registry: our promotion (concurrent, then
 * sequential, then an unchanged re-run), the raw protocol minimum (HEAD destination, GET source, PUT
 * destination) and a sequential {@code skopeo copy --all --preserve-digests} loop. Requests are counted
 * from the registry's own access log, by User-Agent, so every client is counted the same way.
 *
 * <p>Usage: {@code bench/image-retag.sh [--images N] [--concurrency N] [--skopeo-images N] [--work DIR]}
 */
public final class ImageRetagBench {

    private static final String RAW_AGENT = "raw-protocol-minimum/1";
    private static final String OUR_AGENT = "release-train-image/1";
    private static final Pattern ACCESS_LINE =
            Pattern.compile("^\\S+ - \\S+ \\[[^]]*] \"(\\w+) (\\S+) [^\"]*\" (\\d+) \\S+ \"[^\"]*\" \"([^\"]*)\"");

    private record Phase(String name, int images, double seconds, long requests) {
        double imagesPerSecond() {
            return images / seconds;
        }

        double requestsPerImage() {
            return (double) requests / images;
        }
    }

    private ImageRetagBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int images = Integer.parseInt(options.getOrDefault("images", "200"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int skopeoImages = Integer.parseInt(options.getOrDefault("skopeo-images", Integer.toString(images)));
        Path work = Path.of(options.getOrDefault("work", "engine/target/image-bench"))
                .toAbsolutePath();
        Path registryBinary = Path.of(options.getOrDefault("registry", "/usr/bin/docker-registry"));
        Path skopeo = Path.of(options.getOrDefault("skopeo", "/usr/bin/skopeo"));
        deleteTree(work);
        Files.createDirectories(work);

        int port = freePort();
        Path log = work.resolve("registry.log");
        Process registry = startRegistry(registryBinary, work, port, log);
        try {
            RegistryEndpoint endpoint = new RegistryEndpoint("http", "127.0.0.1", port);
            System.out.printf(Locale.ROOT, "registry %s, %d images, concurrency %d%n", endpoint, images, concurrency);
            try (HttpRegistry client = new HttpRegistry(endpoint, null)) {
                pushImages(client, images);
            }
            List<Phase> phases = new ArrayList<>();
            AccessLog access = new AccessLog(log);

            phases.add(ours(
                    endpoint,
                    access,
                    "ours, concurrency " + concurrency,
                    images,
                    "stage_",
                    concurrency,
                    PromotionStatus.TAGGED));
            phases.add(ours(
                    endpoint,
                    access,
                    "ours, unchanged re-run",
                    images,
                    "stage_",
                    concurrency,
                    PromotionStatus.UNCHANGED));
            phases.add(ours(endpoint, access, "ours, sequential", images, "seq_", 1, PromotionStatus.TAGGED));
            phases.add(raw(endpoint, access, "raw HEAD+GET+PUT, concurrency " + concurrency, images, concurrency));
            phases.add(raw(endpoint, access, "raw HEAD+GET+PUT, sequential", images, 1));
            if (Files.isExecutable(skopeo) && skopeoImages > 0) {
                phases.add(skopeo(skopeo, port, access, skopeoImages));
            } else {
                System.out.println("skopeo not run (" + skopeo + " missing or --skopeo-images 0)");
            }
            print(phases);
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Phase ours(
            RegistryEndpoint endpoint,
            AccessLog access,
            String name,
            int images,
            String prefix,
            int concurrency,
            PromotionStatus expected)
            throws Exception {
        List<PromotionRequest> requests = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            requests.add(PromotionRequest.retag("bench/app/" + i, "bench/app", "dev_" + i, prefix + i));
        }
        long before = access.settledCount(OUR_AGENT);
        try (HttpRegistry client = new HttpRegistry(endpoint, null)) {
            long start = System.nanoTime();
            PromotionReport report =
                    new ImagePromotion(client, PromotionOptions.DEFAULTS.withConcurrency(concurrency)).run(requests);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.count(expected) != images) {
                throw new IllegalStateException(name + ": expected " + images + " " + expected + ", got "
                        + report.summaryLine() + "\n" + report.toJson());
            }
            long requestCount = access.settledCount(OUR_AGENT) - before;
            if (requestCount != client.requestCount()) {
                System.out.printf(
                        Locale.ROOT,
                        "note: %s: registry log counted %d requests, the client %d%n",
                        name,
                        requestCount,
                        client.requestCount());
            }
            return new Phase(name, images, seconds, requestCount);
        }
    }

    /** What any client must send at least: HEAD the destination, GET the source, PUT the destination. */
    private static Phase raw(RegistryEndpoint endpoint, AccessLog access, String name, int images, int concurrency)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String prefix = concurrency == 1 ? "rawseq_" : "raw_";
        long before = access.settledCount(RAW_AGENT);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    rawRetag(http, endpoint, "dev_" + n, prefix + n);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(name, images, seconds, access.settledCount(RAW_AGENT) - before);
    }

    private static void rawRetag(HttpClient http, RegistryEndpoint endpoint, String source, String destination)
            throws IOException, InterruptedException {
        URI dest = endpoint.resolve("/v2/bench/app/manifests/" + destination);
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(dest)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", MediaTypes.MANIFEST_ACCEPT)
                        .header("User-Agent", RAW_AGENT)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() != 404) {
            throw new IllegalStateException("raw: " + destination + " already exists");
        }
        HttpResponse<byte[]> get = http.send(
                HttpRequest.newBuilder(endpoint.resolve("/v2/bench/app/manifests/" + source))
                        .header("Accept", MediaTypes.MANIFEST_ACCEPT)
                        .header("User-Agent", RAW_AGENT)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<Void> put = http.send(
                HttpRequest.newBuilder(dest)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(get.body()))
                        .header(
                                "Content-Type",
                                get.headers().firstValue("Content-Type").orElseThrow())
                        .header("User-Agent", RAW_AGENT)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("raw: PUT " + destination + " answered " + put.statusCode());
        }
    }

    private static Phase skopeo(Path skopeo, int port, AccessLog access, int images) throws Exception {
        long before = access.settledCountExcept(OUR_AGENT, RAW_AGENT);
        long start = System.nanoTime();
        for (int i = 0; i < images; i++) {
            String from = "docker://127.0.0.1:" + port + "/bench/app:dev_" + i;
            String to = "docker://127.0.0.1:" + port + "/bench/app:skopeo_" + i;
            Process process = new ProcessBuilder(
                            skopeo.toString(),
                            "copy",
                            "--all",
                            "--preserve-digests",
                            "--src-tls-verify=false",
                            "--dest-tls-verify=false",
                            "--quiet",
                            from,
                            to)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("skopeo copy " + from + " failed: " + output);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(
                "skopeo copy loop, sequential",
                images,
                seconds,
                access.settledCountExcept(OUR_AGENT, RAW_AGENT) - before);
    }

    private static void print(List<Phase> phases) {
        Phase ours = phases.get(0);
        Phase oursUnchanged = phases.get(1);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%-34s %7s %9s %10s %10s %9s %14s %16s%n",
                "client",
                "images",
                "seconds",
                "images/s",
                "requests",
                "req/image",
                "ours is faster",
                "requests vs ours");
        for (Phase phase : phases) {
            Phase reference = phase == oursUnchanged ? oursUnchanged : ours;
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %7d %9.2f %10.1f %10d %9.2f %13.2fx %15.2fx%n",
                    phase.name(),
                    phase.images(),
                    phase.seconds(),
                    phase.imagesPerSecond(),
                    phase.requests(),
                    phase.requestsPerImage(),
                    reference.imagesPerSecond() / phase.imagesPerSecond(),
                    phase.requestsPerImage() / reference.requestsPerImage());
        }
        System.out.println();
        System.out.println("\"ours is faster\": our images/s divided by the row's (the unchanged re-run is its own"
                + " reference); \"requests vs ours\": the row's requests per image divided by ours.");
    }

    /** Pushes {@code images} single-platform OCI images bench/app:dev_i, each with its own config and layer. */
    private static void pushImages(HttpRegistry client, int images) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            byte[] shared = filler("shared", 4096);
            Descriptor sharedLayer =
                    Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(shared), shared.length);
            client.putBlob("bench/app", sharedLayer, new ByteArrayInputStream(shared));
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    pushImage(client, n, sharedLayer);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pushImage(HttpRegistry client, int n, Descriptor sharedLayer) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"n\":\"" + n
                        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = filler("layer-" + n, 2048);
        Descriptor configBlob =
                Descriptor.of("application/vnd.oci.image.config.v1+json", Digest.sha256(config), config.length);
        Descriptor layerBlob =
                Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(layer), layer.length);
        client.putBlob("bench/app", configBlob, new ByteArrayInputStream(config));
        client.putBlob("bench/app", layerBlob, new ByteArrayInputStream(layer));
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + descriptor(configBlob) + ",\"layers\":[" + descriptor(sharedLayer) + "," + descriptor(layerBlob)
                + "]}";
        ImageManifest manifest =
                ImageManifest.verified(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, null);
        client.putManifest(ImageRef.tagged("bench/app", "dev_" + n), manifest);
    }

    private static String descriptor(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
    }

    private static byte[] filler(String seed, int length) {
        byte[] out = new byte[length];
        byte[] pattern =
                Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).hex().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }

    private static Process startRegistry(Path binary, Path work, int port, Path log) throws Exception {
        Path config = work.resolve("config.yml");
        Files.writeString(
                config,
                "version: 0.1\nlog:\n  level: warn\n  formatter: text\nstorage:\n  filesystem:\n    rootdirectory: "
                        + work.resolve("storage") + "\n  maintenance:\n    uploadpurging:\n      enabled: false\n"
                        + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: release-train-bench\n",
                StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                                .header("User-Agent", "bench-startup-probe")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--images N] [--concurrency N] [--skopeo-images N]"
                        + " [--work DIR] [--registry PATH] [--skopeo PATH]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The registry's access log: one line per request, ending with the client's User-Agent. */
    private static final class AccessLog {
        private final Path file;

        AccessLog(Path file) {
            this.file = file;
        }

        long count(String agent) throws IOException {
            return lines().stream().filter(m -> m.group(4).equals(agent)).count();
        }

        long countExcept(String... agents) throws IOException {
            List<String> excluded = List.of(agents);
            return lines().stream()
                    .filter(m -> !excluded.contains(m.group(4)) && !m.group(4).equals("bench-startup-probe"))
                    .count();
        }

        /** The registry writes its log line after the response; wait until the count stops moving. */
        long settledCount(String agent) throws Exception {
            return settle(() -> count(agent));
        }

        long settledCountExcept(String... agents) throws Exception {
            return settle(() -> countExcept(agents));
        }

        private interface Counter {
            long count() throws IOException;
        }

        private static long settle(Counter counter) throws Exception {
            long last = -1;
            for (int i = 0; i < 50; i++) {
                long now = counter.count();
                if (now == last) {
                    return now;
                }
                last = now;
                Thread.sleep(100);
            }
            return last;
        }

        private List<Matcher> lines() throws IOException {
            List<Matcher> matches = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher matcher = ACCESS_LINE.matcher(line);
                if (matcher.find()) {
                    matches.add(matcher);
                }
            }
            return matches;
        }
    }
}
