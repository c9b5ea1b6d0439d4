package io.jenkins.plugins.releasetrain.image.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.InvalidManifestException;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Amazon ECR endpoint on 127.0.0.1 speaking the service's JSON 1.1 protocol
 * ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>},
 * {@code application/x-amz-json-1.1}, errors as {@code {"__type": ..., "message": ...}} with HTTP 400),
 * for BatchGetImage, DescribeImages and PutImage, storing images in a real distribution registry.
 * Enforces ECR's documented limits (100 image ids per BatchGetImage, 4 MiB manifests) and semantics
 * (ImageAlreadyExistsException, ImageTagAlreadyExistsException in immutable repositories).
 */
final class FakeEcr implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpRegistry backing;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Set<String> immutable = ConcurrentHashMap.newKeySet();
    private final Set<String> hiddenFromDescribe = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> batchGetRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeEcr(HttpRegistry backing) {
        this.backing = backing;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    List<JsonNode> batchGetRequests() {
        return List.copyOf(batchGetRequests);
    }

    /** The next {@code times} calls of {@code operation} fail with ThrottlingException. */
    void throttle(String operation, int times) {
        throttled.put(operation, new AtomicInteger(times));
    }

    void makeImmutable(String repository) {
        immutable.add(repository);
    }

    /** DescribeImages leaves this tag out, as a listing that lags behind a concurrent push would. */
    void hideFromDescribe(String tag) {
        hiddenFromDescribe.add(tag);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (target == null
                    || !target.startsWith(TARGET_PREFIX)
                    || !"application/x-amz-json-1.1".equals(contentType)) {
                error(exchange, "UnknownOperationException", "expected a JSON 1.1 ECR request, got " + target);
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            AtomicInteger throttle = throttled.get(operation);
            if (throttle != null && throttle.getAndDecrement() > 0) {
                error(exchange, "ThrottlingException", "Rate exceeded");
                return;
            }
            switch (operation) {
                case "BatchGetImage" -> batchGetImage(exchange, body);
                case "DescribeImages" -> describeImages(exchange, body);
                case "PutImage" -> putImage(exchange, body);
                default -> error(exchange, "UnknownOperationException", operation);
            }
        } catch (RegistryException e) {
            error(exchange, "ServerException", e.getMessage());
        }
    }

    private void batchGetImage(HttpExchange exchange, JsonNode body) throws IOException, RegistryException {
        batchGetRequests.add(body);
        String repository = body.path("repositoryName").asText();
        if (body.path("imageIds").size() > 100) {
            error(exchange, "InvalidParameterException", "imageIds: Member must have length less than or equal to 100");
            return;
        }
        if (backing.tags(repository).isEmpty()) {
            error(
                    exchange,
                    "RepositoryNotFoundException",
                    "The repository with name '" + repository + "' does not exist");
            return;
        }
        List<String> accepted = new ArrayList<>();
        body.path("acceptedMediaTypes").forEach(t -> accepted.add(t.asText()));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode images = response.putArray("images");
        ArrayNode failures = response.putArray("failures");
        for (JsonNode id : body.path("imageIds")) {
            String reference = id.has("imageTag")
                    ? id.path("imageTag").asText()
                    : id.path("imageDigest").asText();
            var manifest = backing.manifest(new ImageRef(repository, reference));
            if (manifest.isPresent() && accepted.contains(manifest.get().mediaType())) {
                ObjectNode image = images.addObject();
                image.put("registryId", ACCOUNT);
                image.put("repositoryName", repository);
                ObjectNode imageId = image.putObject("imageId");
                imageId.put("imageDigest", manifest.get().digest().toString());
                if (id.has("imageTag")) {
                    imageId.put("imageTag", reference);
                }
                image.put("imageManifest", manifest.get().text());
                image.put("imageManifestMediaType", manifest.get().mediaType());
            } else {
                ObjectNode failure = failures.addObject();
                failure.set("imageId", id);
                failure.put("failureCode", "ImageNotFound");
                failure.put("failureReason", "Requested image not found");
            }
        }
        ok(exchange, response);
    }

    private void describeImages(HttpExchange exchange, JsonNode body) throws IOException, RegistryException {
        String repository = body.path("repositoryName").asText();
        List<String> tags = backing.tags(repository);
        if (tags.isEmpty()) {
            error(
                    exchange,
                    "RepositoryNotFoundException",
                    "The repository with name '" + repository + "' does not exist");
            return;
        }
        Map<Digest, List<String>> byDigest = new LinkedHashMap<>();
        Map<Digest, String> mediaTypes = new LinkedHashMap<>();
        for (String tag : tags) {
            if (hiddenFromDescribe.contains(tag)) {
                continue;
            }
            if (backing.digest(ImageRef.tagged(repository, tag)) instanceof TagState.Present present) {
                byDigest.computeIfAbsent(present.digest(), d -> new ArrayList<>())
                        .add(tag);
                mediaTypes.put(present.digest(), present.mediaType());
            }
        }
        int max = body.path("maxResults").asInt(100);
        int start = body.hasNonNull("nextToken")
                ? Integer.parseInt(body.path("nextToken").asText())
                : 0;
        List<Digest> digests = new ArrayList<>(byDigest.keySet());
        ObjectNode response = JSON.createObjectNode();
        ArrayNode details = response.putArray("imageDetails");
        for (int i = start; i < Math.min(digests.size(), start + max); i++) {
            ObjectNode detail = details.addObject();
            detail.put("registryId", ACCOUNT);
            detail.put("repositoryName", repository);
            detail.put("imageDigest", digests.get(i).toString());
            ArrayNode imageTags = detail.putArray("imageTags");
            byDigest.get(digests.get(i)).forEach(imageTags::add);
            detail.put("imageManifestMediaType", mediaTypes.get(digests.get(i)));
        }
        if (start + max < digests.size()) {
            response.put("nextToken", Integer.toString(start + max));
        }
        ok(exchange, response);
    }

    private void putImage(HttpExchange exchange, JsonNode body) throws IOException, RegistryException {
        String repository = body.path("repositoryName").asText();
        String tag = body.path("imageTag").asText(null);
        byte[] bytes = body.path("imageManifest").asText().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ImageManifest.MAX_BYTES) {
            error(
                    exchange,
                    "InvalidParameterException",
                    "imageManifest: Member must have length less than or equal to 4194304");
            return;
        }
        Digest actual = Digest.sha256(bytes);
        if (body.hasNonNull("imageDigest") && !body.path("imageDigest").asText().equals(actual.toString())) {
            error(exchange, "ImageDigestDoesNotMatchException", "Invalid parameter at 'imageDigest'");
            return;
        }
        ImageManifest manifest;
        try {
            manifest = ImageManifest.verified(
                    bytes, body.path("imageManifestMediaType").asText(), actual);
        } catch (InvalidManifestException e) {
            error(exchange, "InvalidParameterException", e.getMessage());
            return;
        }
        if (tag != null && backing.digest(ImageRef.tagged(repository, tag)) instanceof TagState.Present present) {
            if (present.digest().equals(actual)) {
                error(
                        exchange,
                        "ImageAlreadyExistsException",
                        "Image with digest '" + actual + "' and tag '" + tag
                                + "' already exists in the repository with name '" + repository
                                + "' in registry with id '"
                                + ACCOUNT + "'");
                return;
            }
            if (immutable.contains(repository)) {
                error(
                        exchange,
                        "ImageTagAlreadyExistsException",
                        "The image tag '" + tag
                                + "' already exists in the '" + repository
                                + "' repository and cannot be overwritten because the "
                                + "repository is immutable.");
                return;
            }
        }
        try {
            backing.putManifest(
                    tag == null ? ImageRef.digested(repository, actual) : ImageRef.tagged(repository, tag), manifest);
        } catch (RegistryException e) {
            error(exchange, "LayersNotFoundException", e.getMessage());
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        ObjectNode image = response.putObject("image");
        image.put("registryId", ACCOUNT);
        image.put("repositoryName", repository);
        ObjectNode imageId = image.putObject("imageId");
        imageId.put("imageDigest", actual.toString());
        if (tag != null) {
            imageId.put("imageTag", tag);
        }
        image.put("imageManifest", manifest.text());
        image.put("imageManifestMediaType", manifest.mediaType());
        ok(exchange, response);
    }

    private static void ok(HttpExchange exchange, JsonNode response) throws IOException {
        send(exchange, 200, JSON.writeValueAsBytes(response));
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        send(exchange, 400, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
