package io.jenkins.plugins.releasetrain.image.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.RetryPolicy;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.TestImages.Pushed;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real AWS SDK v2 EcrClient, pointed with endpointOverride at an ECR JSON 1.1 server backed by a real registry. */
@RequiresTools({"docker-registry"})
class EcrPromotionTest {

    private static final RetryPolicy SDK_RETRY =
            new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(20));

    @TempDir
    static Path dir;

    static RegistryServer server;
    static HttpRegistry backing;

    FakeEcr ecr;
    EcrRegistry registry;

    @BeforeAll
    static void startRegistry() {
        server = RegistryServer.start(dir);
        backing = new HttpRegistry(server.endpoint(), null);
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startEcr() {
        ecr = new FakeEcr(backing);
        registry = new EcrRegistry(EcrSettings.parse("ecr:us-east-2:" + FakeEcr.ACCOUNT)
                .withEndpointOverride(ecr.endpoint())
                .withCredentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withRetry(SDK_RETRY));
    }

    @AfterEach
    void stopEcr() {
        registry.close();
        ecr.close();
    }

    private PromotionReport promote(PromotionOptions options, List<PromotionRequest> requests) {
        return new ImagePromotion(registry, options).run(requests);
    }

    @Test
    void readsAHundredAndFiftySourcesInTwoBatchGetImageCallsAndPutsEachOnce() throws Exception {
        List<Pushed> images = TestImages.pushImages(backing, "ecr/many", "dev_", 150, Flavor.DOCKER, "many");
        List<PromotionRequest> requests = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            requests.add(PromotionRequest.retag("a" + i, "ecr/many", "dev_" + i, "stage_us_" + i));
        }

        PromotionReport report = promote(PromotionOptions.DEFAULTS, requests);

        assertThat(report.images())
                .allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(PromotionStatus.TAGGED));
        assertThat(ecr.calls("BatchGetImage")).isEqualTo(2);
        assertThat(ecr.calls("DescribeImages")).isEqualTo(1);
        assertThat(ecr.calls("PutImage")).isEqualTo(150);
        assertThat(ecr.batchGetRequests()).allSatisfy(body -> {
            assertThat(body.path("imageIds").size()).isLessThanOrEqualTo(100);
            assertThat(body.path("registryId").asText()).isEqualTo(FakeEcr.ACCOUNT);
            List<String> accepted = new ArrayList<>();
            body.path("acceptedMediaTypes").forEach(t -> accepted.add(t.asText()));
            assertThat(accepted).containsExactlyInAnyOrderElementsOf(MediaTypes.MANIFESTS);
        });
        ImageManifest promoted =
                backing.manifest(ImageRef.tagged("ecr/many", "stage_us_149")).orElseThrow();
        assertThat(promoted.bytes()).isEqualTo(images.get(149).manifest().bytes());

        PromotionReport rerun = promote(PromotionOptions.DEFAULTS, requests);

        assertThat(rerun.count(PromotionStatus.UNCHANGED)).isEqualTo(150);
        assertThat(ecr.calls("BatchGetImage")).isEqualTo(4);
        assertThat(ecr.calls("DescribeImages")).isEqualTo(2);
        assertThat(ecr.calls("PutImage")).isEqualTo(150);
    }

    @Test
    void keepsAMultiArchIndexByteForByte() throws Exception {
        Pushed index = TestImages.pushIndex(backing, "ecr/multi", "dev_1", Flavor.OCI, "ecr-index");

        ImageResult result = promote(
                        PromotionOptions.DEFAULTS,
                        List.of(PromotionRequest.retag("a", "ecr/multi", "dev_1", "prod_us_1")))
                .images()
                .get(0);

        assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(backing.manifest(ImageRef.tagged("ecr/multi", "prod_us_1"))
                        .orElseThrow()
                        .bytes())
                .isEqualTo(index.manifest().bytes());
    }

    @Test
    void retriesThrottledCallsWithinTheBound() throws Exception {
        TestImages.pushImage(backing, "ecr/throttled", "dev_1", Flavor.OCI, "throttled");
        ecr.throttle("BatchGetImage", 2);

        ImageResult result = promote(
                        PromotionOptions.DEFAULTS,
                        List.of(PromotionRequest.retag("a", "ecr/throttled", "dev_1", "stage_1")))
                .images()
                .get(0);

        assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        assertThat(ecr.calls("BatchGetImage")).isEqualTo(3);
    }

    @Test
    void failsClearlyWhenThrottlingOutlastsTheBound() throws Exception {
        TestImages.pushImage(backing, "ecr/throttled", "dev_2", Flavor.OCI, "throttled-2");
        ecr.throttle("PutImage", 1000);

        ImageResult result = promote(
                        PromotionOptions.DEFAULTS,
                        List.of(PromotionRequest.retag("a", "ecr/throttled", "dev_2", "stage_2")))
                .images()
                .get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("ThrottlingException");
        assertThat(ecr.calls("PutImage")).isEqualTo(SDK_RETRY.maxAttempts());
    }

    @Test
    void reportsImageAlreadyExistsAsUnchanged() throws Exception {
        Pushed image = TestImages.pushImage(backing, "ecr/exists", "dev_1", Flavor.DOCKER, "exists");
        backing.putManifest(ImageRef.tagged("ecr/exists", "stage_1"), image.manifest());
        ecr.hideFromDescribe("stage_1");

        ImageResult result = promote(
                        PromotionOptions.DEFAULTS,
                        List.of(PromotionRequest.retag("a", "ecr/exists", "dev_1", "stage_1")))
                .images()
                .get(0);

        assertThat(ecr.calls("PutImage")).isEqualTo(1);
        assertThat(result.status()).isEqualTo(PromotionStatus.UNCHANGED);
        assertThat(result.digest()).isEqualTo(image.manifest().digest().toString());
    }

    @Test
    void refusesToMoveATagWithoutForceAndExplainsAnImmutableRepositoryWithIt() throws Exception {
        Pushed old = TestImages.pushImage(backing, "ecr/immutable", "dev_1", Flavor.OCI, "immutable-old");
        TestImages.pushImage(backing, "ecr/immutable", "dev_2", Flavor.OCI, "immutable-new");
        backing.putManifest(ImageRef.tagged("ecr/immutable", "prod"), old.manifest());
        ecr.makeImmutable("ecr/immutable");
        List<PromotionRequest> request = List.of(PromotionRequest.retag("a", "ecr/immutable", "dev_2", "prod"));

        ImageResult refused =
                promote(PromotionOptions.DEFAULTS, request).images().get(0);
        ImageResult forced = promote(PromotionOptions.DEFAULTS.withForce(true), request)
                .images()
                .get(0);

        assertThat(refused.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(refused.reason())
                .contains("already points at " + old.manifest().digest())
                .contains("--force");
        assertThat(forced.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(forced.reason()).contains("immutable tags").contains("will not move it");
        assertThat(ecr.calls("PutImage")).isEqualTo(1);
    }

    @Test
    void reportsMissingSourceImagesFromTheBatchFailuresAndPromotesTheRest() throws Exception {
        TestImages.pushImage(backing, "ecr/partial", "dev_1", Flavor.OCI, "partial");

        PromotionReport report = promote(
                PromotionOptions.DEFAULTS,
                List.of(
                        PromotionRequest.retag("present", "ecr/partial", "dev_1", "stage_1"),
                        PromotionRequest.retag("missing", "ecr/partial", "dev_404", "stage_404")));

        assertThat(report.images().get(0).status()).isEqualTo(PromotionStatus.TAGGED);
        assertThat(report.images().get(1).status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(report.images().get(1).reason())
                .contains("ecr/partial:dev_404 not found in ecr:us-east-2:123456789012");
        assertThat(ecr.calls("BatchGetImage")).isEqualTo(1);
    }

    @Test
    void reportsAnUnknownRepository() {
        ImageResult result = promote(
                        PromotionOptions.DEFAULTS, List.of(PromotionRequest.retag("a", "ecr/nope", "dev_1", "stage_1")))
                .images()
                .get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("does not exist");
    }

    @Test
    void dryRunCallsNoPutImage() throws Exception {
        TestImages.pushImage(backing, "ecr/dry", "dev_1", Flavor.OCI, "ecr-dry");

        ImageResult result = promote(
                        PromotionOptions.DEFAULTS.withDryRun(true),
                        List.of(PromotionRequest.retag("a", "ecr/dry", "dev_1", "stage_1")))
                .images()
                .get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.WOULD_TAG);
        assertThat(ecr.calls("PutImage")).isZero();
    }
}
