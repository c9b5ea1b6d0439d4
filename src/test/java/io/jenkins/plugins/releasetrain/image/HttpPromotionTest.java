package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.TestImages.Pushed;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Promotion against a real distribution registry on 127.0.0.1, images pushed by our own client. */
@RequiresTools({"docker-registry"})
class HttpPromotionTest {

    static final RetryPolicy FAST_RETRY =
            new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

    @TempDir
    static Path dir;

    static RegistryServer server;

    @BeforeAll
    static void startRegistry() {
        server = RegistryServer.start(dir);
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpRegistry client() {
        return new HttpRegistry(server.endpoint(), null);
    }

    private static PromotionOptions options() {
        return PromotionOptions.DEFAULTS.withRetry(FAST_RETRY);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void keepsDigestWhenRetaggingSingleManifest(Flavor flavor) throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "single/" + flavor.name().toLowerCase();
            Pushed image = TestImages.pushImage(registry, repo, "dev_1", flavor, "single-" + flavor);

            PromotionReport report = new ImagePromotion(registry, options())
                    .run(List.of(PromotionRequest.retag("p/image/" + repo, repo, "dev_1", "stage_us_1")));

            assertThat(report.images()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(PromotionStatus.TAGGED);
                assertThat(r.digest()).isEqualTo(image.manifest().digest().toString());
                assertThat(r.mediaType()).isEqualTo(flavor.manifestType);
            });
            ImageManifest promoted =
                    registry.manifest(ImageRef.tagged(repo, "stage_us_1")).orElseThrow();
            assertThat(promoted.bytes()).isEqualTo(image.manifest().bytes());
            assertThat(promoted.mediaType()).isEqualTo(flavor.manifestType);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void keepsDigestWhenRetaggingMultiArchIndex(Flavor flavor) throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "multi/" + flavor.name().toLowerCase();
            Pushed index = TestImages.pushIndex(registry, repo, "dev_7", flavor, "index-" + flavor);

            PromotionReport report = new ImagePromotion(registry, options())
                    .run(List.of(PromotionRequest.retag("a", repo, "dev_7", "prod_us_7")));

            assertThat(report.images().get(0).status()).isEqualTo(PromotionStatus.TAGGED);
            assertThat(report.images().get(0).mediaType()).isEqualTo(flavor.indexType);
            ImageManifest promoted =
                    registry.manifest(ImageRef.tagged(repo, "prod_us_7")).orElseThrow();
            assertThat(promoted.digest()).isEqualTo(index.manifest().digest());
            assertThat(promoted.bytes()).isEqualTo(index.manifest().bytes());
            assertThat(promoted.mediaType()).isEqualTo(flavor.indexType);
        }
    }

    @Test
    void reportsUnchangedAndWritesNothingOnRerun() throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "rerun/app";
            List<PromotionRequest> requests = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TestImages.pushImage(registry, repo, "dev_" + i, Flavor.OCI, "rerun-" + i);
                requests.add(PromotionRequest.retag("a" + i, repo, "dev_" + i, "stage_" + i));
            }
            ImagePromotion promotion = new ImagePromotion(registry, options());
            assertThat(promotion.run(requests).count(PromotionStatus.TAGGED)).isEqualTo(4);

            Map<String, Long> before = registry.requestCounts();
            PromotionReport rerun = promotion.run(requests);
            Map<String, Long> after = registry.requestCounts();

            assertThat(rerun.images()).allSatisfy(r -> assertThat(r.status()).isEqualTo(PromotionStatus.UNCHANGED));
            assertThat(after.getOrDefault("PUT", 0L)).isEqualTo(before.getOrDefault("PUT", 0L));
            long requestsForRerun = registry.requestCount()
                    - before.values().stream().mapToLong(Long::longValue).sum();
            // Two HEADs per image (destination, source) and one tag listing for the repository.
            assertThat(requestsForRerun).isLessThanOrEqualTo(2L * requests.size() + 1);
        }
    }

    @Test
    void usesAtMostTwoRequestsPerChangedImageWhenARepositoryGetsSeveralTags() throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "counted/app";
            List<PromotionRequest> requests = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                TestImages.pushImage(registry, repo, "dev_" + i, Flavor.DOCKER, "counted-" + i);
                requests.add(PromotionRequest.retag("a" + i, repo, "dev_" + i, "stage_" + i));
            }
            long before = registry.requestCount();

            PromotionReport report = new ImagePromotion(registry, options()).run(requests);

            assertThat(report.count(PromotionStatus.TAGGED)).isEqualTo(10);
            // GET source + PUT destination per image, plus one tag listing for the repository.
            assertThat(registry.requestCount() - before).isEqualTo(2L * requests.size() + 1);
        }
    }

    @Test
    void refusesToMoveATagWithoutForceAndMovesItWithForce() throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "moved/app";
            Pushed old = TestImages.pushImage(registry, repo, "dev_1", Flavor.OCI, "moved-old");
            Pushed fresh = TestImages.pushImage(registry, repo, "dev_2", Flavor.OCI, "moved-new");
            registry.putManifest(ImageRef.tagged(repo, "stage"), old.manifest());
            List<PromotionRequest> request = List.of(PromotionRequest.retag("a", repo, "dev_2", "stage"));

            ImageResult refused = new ImagePromotion(registry, options())
                    .run(request)
                    .images()
                    .get(0);
            assertThat(refused.status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(refused.reason())
                    .contains("already points at " + old.manifest().digest())
                    .contains("--force");
            assertThat(registry.digest(ImageRef.tagged(repo, "stage")))
                    .isEqualTo(TagState.present(
                            old.manifest().digest(), old.manifest().mediaType()));

            ImageResult forced = new ImagePromotion(registry, options().withForce(true))
                    .run(request)
                    .images()
                    .get(0);
            assertThat(forced.status()).isEqualTo(PromotionStatus.TAGGED);
            assertThat(forced.previousDigest())
                    .isEqualTo(old.manifest().digest().toString());
            assertThat(forced.digest()).isEqualTo(fresh.manifest().digest().toString());
            assertThat(((TagState.Present) registry.digest(ImageRef.tagged(repo, "stage"))).digest())
                    .isEqualTo(fresh.manifest().digest());
        }
    }

    @Test
    void dryRunReportsWhatWouldChangeAndWritesNothing() throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "dry/app";
            Pushed image = TestImages.pushImage(registry, repo, "dev_1", Flavor.OCI, "dry");
            long putsBefore = registry.requestCounts().getOrDefault("PUT", 0L);

            PromotionReport report = new ImagePromotion(registry, options().withDryRun(true))
                    .run(List.of(
                            PromotionRequest.retag("a", repo, "dev_1", "stage_1"),
                            PromotionRequest.retag("b", repo, "dev_missing", "stage_2")));

            assertThat(report.dryRun()).isTrue();
            assertThat(report.images().get(0).status()).isEqualTo(PromotionStatus.WOULD_TAG);
            assertThat(report.images().get(0).digest())
                    .isEqualTo(image.manifest().digest().toString());
            assertThat(report.images().get(1).status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(report.images().get(1).reason()).contains("not found");
            assertThat(registry.requestCounts().getOrDefault("PUT", 0L)).isEqualTo(putsBefore);
            assertThat(registry.digest(ImageRef.tagged(repo, "stage_1"))).isEqualTo(TagState.missing());
            assertThat(report.summaryLine()).contains("1 would be tagged").contains("dry run");
        }
    }

    @Test
    void refusesNamesOutsideTheOciGrammarBeforeAnyRequest() {
        try (HttpRegistry registry = client()) {
            List<PromotionRequest> bad = List.of(
                    PromotionRequest.retag("traversal", "app", "dev_1", "../x"),
                    PromotionRequest.retag("space", "app", "dev_1", "a b"),
                    PromotionRequest.retag("encoded", "app", "dev_1", "%2F"),
                    PromotionRequest.retag("long", "app", "dev_1", "t".repeat(129)),
                    PromotionRequest.retag("leading-dot", "app", "dev_1", ".hidden"),
                    PromotionRequest.retag("newline", "app", "dev_1", "x\ny"),
                    PromotionRequest.retag("repo-traversal", "app/../../etc", "dev_1", "stage"),
                    PromotionRequest.retag("repo-upper", "App", "dev_1", "stage"),
                    PromotionRequest.retag("repo-query", "app?x=1", "dev_1", "stage"),
                    PromotionRequest.retag("repo-long", "a".repeat(256), "dev_1", "stage"),
                    PromotionRequest.retag("source-tag", "app", "dev/1", "stage"));

            PromotionReport report = new ImagePromotion(registry, options()).run(bad);

            assertThat(report.images()).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(PromotionStatus.FAILED);
                assertThat(r.reason()).containsAnyOf("invalid", "longer than");
            });
            assertThat(report.images().get(5).reason()).doesNotContain("\n");
            assertThat(registry.requestCount()).isZero();
        }
    }

    @Test
    void refusesTwoImagesThatWantTheSameDestinationTag() throws Exception {
        try (HttpRegistry registry = client()) {
            String repo = "dup/app";
            TestImages.pushImage(registry, repo, "dev_1", Flavor.OCI, "dup-1");
            TestImages.pushImage(registry, repo, "dev_2", Flavor.OCI, "dup-2");

            PromotionReport report = new ImagePromotion(registry, options())
                    .run(List.of(
                            PromotionRequest.retag("first", repo, "dev_1", "stage"),
                            PromotionRequest.retag("second", repo, "dev_2", "stage")));

            assertThat(report.images().get(0).status()).isEqualTo(PromotionStatus.TAGGED);
            assertThat(report.images().get(1).status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(report.images().get(1).reason()).contains("also the destination of first");
        }
    }

    @Test
    void mountsBlobsWhenPromotingToAnotherRepositoryOfTheSameRegistry() throws Exception {
        try (HttpRegistry registry = client()) {
            Pushed image = TestImages.pushIndex(registry, "dev/app", "build_5", Flavor.OCI, "mount");

            PromotionReport report = new ImagePromotion(registry, options())
                    .run(List.of(new PromotionRequest("a", "dev/app", "build_5", "prod/app", "release_5")));

            ImageResult result = report.images().get(0);
            assertThat(result.status()).isEqualTo(PromotionStatus.TAGGED);
            assertThat(result.blobsMounted()).isGreaterThan(0);
            ImageManifest promoted =
                    registry.manifest(ImageRef.tagged("prod/app", "release_5")).orElseThrow();
            assertThat(promoted.bytes()).isEqualTo(image.manifest().bytes());
            for (Descriptor blob : image.blobs()) {
                assertThat(registry.hasBlob("prod/app", blob))
                        .as(blob.toString())
                        .isTrue();
            }
        }
    }

    @Test
    void copiesContentWhenPromotingToAnotherRegistry() throws Exception {
        try (RegistryServer other = RegistryServer.start(dir.resolve("other"));
                HttpRegistry source = client();
                HttpRegistry destination = new HttpRegistry(other.endpoint(), null)) {
            Pushed image = TestImages.pushIndex(source, "dev/app", "build_9", Flavor.DOCKER, "copy");

            PromotionReport report = new ImagePromotion(source, destination, options())
                    .run(List.of(new PromotionRequest("a", "dev/app", "build_9", "prod/app", "release_9")));

            ImageResult result = report.images().get(0);
            assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
            assertThat(result.blobsCopied())
                    .isGreaterThanOrEqualTo(image.blobs().size());
            assertThat(report.sourceRegistry()).isEqualTo(server.reference());
            ImageManifest promoted = destination
                    .manifest(ImageRef.tagged("prod/app", "release_9"))
                    .orElseThrow();
            assertThat(promoted.bytes()).isEqualTo(image.manifest().bytes());
            for (Descriptor blob : image.blobs()) {
                assertThat(destination.hasBlob("prod/app", blob))
                        .as(blob.toString())
                        .isTrue();
            }

            PromotionReport rerun = new ImagePromotion(source, destination, options())
                    .run(List.of(new PromotionRequest("a", "dev/app", "build_9", "prod/app", "release_9")));
            assertThat(rerun.images().get(0).status()).isEqualTo(PromotionStatus.UNCHANGED);
        }
    }

    @Test
    void finishesTheRestOnRerunAfterTheRegistryWasStoppedMidRun() throws Exception {
        try (RegistryServer flaky = RegistryServer.start(dir.resolve("flaky"));
                HttpRegistry registry = new HttpRegistry(flaky.endpoint(), null)) {
            String repo = "faults/app";
            List<PromotionRequest> requests = new ArrayList<>();
            Map<String, Digest> sources = new java.util.HashMap<>();
            for (int i = 0; i < 24; i++) {
                Pushed image = TestImages.pushImage(registry, repo, "dev_" + i, Flavor.OCI, "fault-" + i);
                sources.put("stage_" + i, image.manifest().digest());
                requests.add(PromotionRequest.retag("a" + i, repo, "dev_" + i, "stage_" + i));
            }
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            PromotionListener stopAfterFive = result -> {
                if (done.incrementAndGet() == 5) {
                    flaky.stop();
                }
            };

            PromotionReport first =
                    new ImagePromotion(registry, options().withConcurrency(2)).run(requests, stopAfterFive);

            assertThat(first.count(PromotionStatus.TAGGED))
                    .isGreaterThanOrEqualTo(5)
                    .isLessThan(24);
            assertThat(first.images())
                    .filteredOn(ImageResult::failed)
                    .allSatisfy(r -> assertThat(r.reason()).contains("attempts"));

            flaky.restart();
            PromotionReport second = new ImagePromotion(registry, options()).run(requests);

            assertThat(second.succeeded())
                    .as(
                            "failures of the re-run: %s",
                            second.images().stream()
                                    .filter(ImageResult::failed)
                                    .map(ImageResult::describe)
                                    .toList())
                    .isTrue();
            for (int i = 0; i < requests.size(); i++) {
                ImageResult before = first.images().get(i);
                ImageResult after = second.images().get(i);
                if (before.status() == PromotionStatus.TAGGED) {
                    assertThat(after.status()).as("tagged once only").isEqualTo(PromotionStatus.UNCHANGED);
                } else {
                    assertThat(after.status()).isIn(PromotionStatus.TAGGED, PromotionStatus.UNCHANGED);
                }
                TagState state = registry.digest(ImageRef.tagged(repo, "stage_" + i));
                assertThat(((TagState.Present) state).digest()).isEqualTo(sources.get("stage_" + i));
            }
            assertThat(first.count(PromotionStatus.TAGGED) + second.count(PromotionStatus.TAGGED))
                    .isLessThanOrEqualTo(24);
        }
    }

    @Test
    void writesAJsonReportWithOneEntryPerImage() throws Exception {
        try (HttpRegistry registry = client()) {
            TestImages.pushImage(registry, "json/app", "dev_3", Flavor.OCI, "json");

            PromotionReport report = new ImagePromotion(registry, options())
                    .run(List.of(
                            PromotionRequest.retag("product1/image/json/app", "json/app", "dev_3", "stage_us_3"),
                            PromotionRequest.retag("product1/image/json/none", "json/app", "dev_404", "stage_us_404")));

            com.fasterxml.jackson.databind.JsonNode json =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());
            assertThat(json.path("registry").asText()).isEqualTo(server.reference());
            assertThat(json.path("summary").path("tagged").asInt()).isEqualTo(1);
            assertThat(json.path("summary").path("failed").asInt()).isEqualTo(1);
            assertThat(json.path("images").get(0).path("status").asText()).isEqualTo("tagged");
            assertThat(json.path("images").get(0).path("artifactId").asText()).isEqualTo("product1/image/json/app");
            assertThat(json.path("images").get(0).path("digest").asText()).startsWith("sha256:");
            assertThat(json.path("images").get(0).path("startedAt").asText()).endsWith("Z");
            assertThat(json.path("images").get(1).path("reason").asText()).contains("not found");
        }
    }
}
