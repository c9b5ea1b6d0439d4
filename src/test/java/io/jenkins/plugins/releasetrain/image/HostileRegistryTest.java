package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registries that lie, bloat, throttle or fail: nothing is written on their word, and retries stay bounded. */
class HostileRegistryTest {

    private static final String MANIFEST_PATH = "/v2/app/manifests/dev_1";
    private static final String DESTINATION_PATH = "/v2/app/manifests/stage_1";
    private static final byte[] MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}"
                    .getBytes(StandardCharsets.UTF_8);

    private final ScriptedRegistry scripted = new ScriptedRegistry();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scripted.close();
    }

    private PromotionReport promote() {
        try (HttpRegistry registry = new HttpRegistry(scripted.endpoint(), null)) {
            PromotionOptions options = PromotionOptions.DEFAULTS
                    .withRetry(
                            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                    .withSleeper(waits::add);
            return new ImagePromotion(registry, options)
                    .run(List.of(PromotionRequest.retag("app", "app", "dev_1", "stage_1")));
        }
    }

    private static void manifest(HttpExchange exchange, byte[] body, String digest) throws IOException {
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
        ScriptedRegistry.respond(exchange, 200, MediaTypes.OCI_MANIFEST, body);
    }

    private void acceptPut() {
        scripted.on("PUT", DESTINATION_PATH, (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            ScriptedRegistry.respond(exchange, 201, null, new byte[0]);
        });
    }

    @Test
    void refusesAManifestWhoseBytesDoNotHashToTheClaimedDigest() {
        scripted.on(
                "GET",
                MANIFEST_PATH,
                (exchange, n) -> manifest(
                        exchange, MANIFEST, Digest.sha256(new byte[] {1}).toString()));
        acceptPut();

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("do not hash to the digest");
        assertThat(scripted.count("PUT", DESTINATION_PATH)).isZero();
    }

    @Test
    void refusesAManifestOverFourMebibytesByItsContentLength() {
        byte[] huge = new byte[ImageManifest.MAX_BYTES + 1];
        scripted.on(
                "GET",
                MANIFEST_PATH,
                (exchange, n) -> manifest(exchange, huge, Digest.sha256(huge).toString()));
        acceptPut();

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("over the 4194304 byte");
        assertThat(scripted.count("PUT", DESTINATION_PATH)).isZero();
    }

    @Test
    void refusesAManifestOverFourMebibytesSentWithoutLength() {
        scripted.on("GET", MANIFEST_PATH, (exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            exchange.sendResponseHeaders(200, 0); // chunked: the size is only known by reading
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 80; i++) {
                    out.write(block);
                }
            } catch (IOException e) {
                // the client stops reading after 4 MiB + 1 byte and may close the connection
            }
        });
        acceptPut();

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("over the 4194304 byte limit");
        assertThat(scripted.count("PUT", DESTINATION_PATH)).isZero();
    }

    @Test
    void refusesAManifestOfAnUnsupportedMediaType() {
        scripted.on("GET", MANIFEST_PATH, (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            ScriptedRegistry.respond(
                    exchange, 200, "application/vnd.docker.distribution.manifest.v1+prettyjws", MANIFEST);
        });
        acceptPut();

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("unsupported manifest media type");
        assertThat(scripted.count("PUT", DESTINATION_PATH)).isZero();
    }

    @Test
    void honoursRetryAfterOnTooManyRequestsAndThenSucceeds() {
        scripted.on("HEAD", DESTINATION_PATH, (exchange, n) -> {
            if (n == 1) {
                exchange.getResponseHeaders().set("Retry-After", "3");
                ScriptedRegistry.respond(exchange, 429, null, new byte[0]);
            } else {
                ScriptedRegistry.respond(exchange, 404, null, new byte[0]);
            }
        });
        scripted.on(
                "GET",
                MANIFEST_PATH,
                (exchange, n) ->
                        manifest(exchange, MANIFEST, Digest.sha256(MANIFEST).toString()));
        acceptPut();

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        assertThat(scripted.count("HEAD", DESTINATION_PATH)).isEqualTo(2);
        assertThat(waits).singleElement().isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void givesUpAfterTheBoundedNumberOfAttemptsOnServerErrors() {
        scripted.on(
                "HEAD", DESTINATION_PATH, (exchange, n) -> ScriptedRegistry.respond(exchange, 503, null, new byte[0]));

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("HTTP 503").contains("after 4 attempts");
        assertThat(scripted.count("HEAD", DESTINATION_PATH)).isEqualTo(4);
        assertThat(waits).hasSize(3).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void doesNotRetryAClientError() {
        scripted.on(
                "HEAD", DESTINATION_PATH, (exchange, n) -> ScriptedRegistry.respond(exchange, 404, null, new byte[0]));
        scripted.on(
                "GET",
                MANIFEST_PATH,
                (exchange, n) ->
                        manifest(exchange, MANIFEST, Digest.sha256(MANIFEST).toString()));
        scripted.on(
                "PUT",
                DESTINATION_PATH,
                (exchange, n) -> ScriptedRegistry.respond(
                        exchange,
                        400,
                        "application/json",
                        "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"}]}"
                                .getBytes(StandardCharsets.UTF_8)));

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("HTTP 400").contains("MANIFEST_INVALID");
        assertThat(scripted.count("PUT", DESTINATION_PATH)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void failsWhenTheRegistryStoresAnotherDigestThanItWasGiven() {
        scripted.on(
                "GET",
                MANIFEST_PATH,
                (exchange, n) ->
                        manifest(exchange, MANIFEST, Digest.sha256(MANIFEST).toString()));
        scripted.on("PUT", DESTINATION_PATH, (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(new byte[] {7}).toString());
            ScriptedRegistry.respond(exchange, 201, null, new byte[0]);
        });

        ImageResult result = promote().images().get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("rewrote the manifest");
    }

    @Test
    void followsTagListPagesAndHeadsOnlyTheDestinationsThatExist() {
        scripted.on("GET", "/v2/app/tags/list", (exchange, n) -> {
            if (exchange.getRequestURI().getRawQuery().contains("last=")) {
                ScriptedRegistry.respond(
                        exchange,
                        200,
                        "application/json",
                        "{\"name\":\"app\",\"tags\":[\"stage_1\"]}".getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.getResponseHeaders().set("Link", "</v2/app/tags/list?last=dev_2&n=1000>; rel=\"next\"");
                ScriptedRegistry.respond(
                        exchange,
                        200,
                        "application/json",
                        "{\"name\":\"app\",\"tags\":[\"dev_1\",\"dev_2\"]}".getBytes(StandardCharsets.UTF_8));
            }
        });
        scripted.on("HEAD", DESTINATION_PATH, (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            ScriptedRegistry.respond(exchange, 200, MediaTypes.OCI_MANIFEST, new byte[0]);
        });
        scripted.on("HEAD", MANIFEST_PATH, (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            ScriptedRegistry.respond(exchange, 200, MediaTypes.OCI_MANIFEST, new byte[0]);
        });
        scripted.on(
                "GET",
                "/v2/app/manifests/dev_2",
                (exchange, n) ->
                        manifest(exchange, MANIFEST, Digest.sha256(MANIFEST).toString()));
        scripted.on("PUT", "/v2/app/manifests/stage_2", (exchange, n) -> {
            exchange.getResponseHeaders()
                    .set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            ScriptedRegistry.respond(exchange, 201, null, new byte[0]);
        });

        PromotionReport report;
        try (HttpRegistry registry = new HttpRegistry(scripted.endpoint(), null)) {
            report = new ImagePromotion(registry, PromotionOptions.DEFAULTS.withSleeper(waits::add))
                    .run(List.of(
                            PromotionRequest.retag("one", "app", "dev_1", "stage_1"),
                            PromotionRequest.retag("two", "app", "dev_2", "stage_2")));
        }

        assertThat(report.images())
                .extracting(ImageResult::status)
                .containsExactly(PromotionStatus.UNCHANGED, PromotionStatus.TAGGED);
        assertThat(scripted.count("GET", "/v2/app/tags/list")).isEqualTo(2);
        assertThat(scripted.count("HEAD", "/v2/app/manifests/stage_2")).isZero();
    }

    @Test
    void ignoresATagListLinkThatLeavesTheRegistry() {
        scripted.on("GET", "/v2/app/tags/list", (exchange, n) -> {
            exchange.getResponseHeaders().set("Link", "<http://169.254.169.254/latest/meta-data>; rel=\"next\"");
            ScriptedRegistry.respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"name\":\"app\",\"tags\":[\"dev_1\"]}".getBytes(StandardCharsets.UTF_8));
        });
        scripted.on(
                "HEAD",
                "/v2/app/manifests/stage_2",
                (exchange, n) -> ScriptedRegistry.respond(exchange, 404, null, new byte[0]));

        try (HttpRegistry registry = new HttpRegistry(scripted.endpoint(), null)) {
            new ImagePromotion(registry, PromotionOptions.DEFAULTS.withSleeper(waits::add))
                    .run(List.of(
                            PromotionRequest.retag("one", "app", "dev_1", "stage_1"),
                            PromotionRequest.retag("two", "app", "dev_2", "stage_2")));
        }

        // The listing was abandoned, so every destination was asked about directly, and nothing went elsewhere.
        assertThat(scripted.count("HEAD", DESTINATION_PATH)).isEqualTo(1);
        assertThat(scripted.count("HEAD", "/v2/app/manifests/stage_2")).isEqualTo(1);
        assertThat(scripted.log()).allSatisfy(line -> assertThat(line).contains(" /v2/"));
    }
}
