package io.jenkins.plugins.releasetrain.image.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.TestImages.Pushed;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oci-layout:DIR as a registry: tags as ref.name annotations, atomic writes, safe concurrent runs. */
class OciLayoutPromotionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode index(String repository) throws Exception {
        return JSON.readTree(Files.readAllBytes(dir.resolve(repository).resolve("index.json")));
    }

    private static List<String> refNames(JsonNode index) {
        List<String> names = new ArrayList<>();
        index.path("manifests")
                .forEach(d -> names.add(
                        d.path("annotations").path(OciLayoutRegistry.REF_NAME).asText()));
        return names;
    }

    @Test
    void addsADescriptorNamedByTheTagAndKeepsTheDigest() throws Exception {
        OciLayoutRegistry layout = new OciLayoutRegistry(dir);
        Pushed image = TestImages.pushIndex(layout, "product1/app", "dev_123", Flavor.OCI, "layout");

        PromotionReport report = new ImagePromotion(layout, PromotionOptions.DEFAULTS)
                .run(List.of(PromotionRequest.retag("a", "product1/app", "dev_123", "stage_us_123")));

        assertThat(report.images().get(0).status()).isEqualTo(PromotionStatus.TAGGED);
        JsonNode index = index("product1/app");
        assertThat(refNames(index)).contains("dev_123", "stage_us_123");
        JsonNode promoted = index.path("manifests").get(refNames(index).indexOf("stage_us_123"));
        assertThat(promoted.path("digest").asText())
                .isEqualTo(image.manifest().digest().toString());
        assertThat(promoted.path("mediaType").asText())
                .isEqualTo(image.manifest().mediaType());
        assertThat(promoted.path("size").asLong()).isEqualTo(image.manifest().size());
        assertThat(Files.readString(dir.resolve("product1/app/oci-layout"))).contains("1.0.0");
    }

    @Test
    void isUnchangedOnRerunAndRefusesToMoveATagWithoutForce() throws Exception {
        OciLayoutRegistry layout = new OciLayoutRegistry(dir);
        TestImages.pushImage(layout, "app", "dev_1", Flavor.DOCKER, "one");
        TestImages.pushImage(layout, "app", "dev_2", Flavor.DOCKER, "two");
        ImagePromotion promotion = new ImagePromotion(layout, PromotionOptions.DEFAULTS);
        promotion.run(List.of(PromotionRequest.retag("a", "app", "dev_1", "stage")));
        byte[] indexBefore = Files.readAllBytes(dir.resolve("app/index.json"));

        ImageResult rerun = promotion
                .run(List.of(PromotionRequest.retag("a", "app", "dev_1", "stage")))
                .images()
                .get(0);
        ImageResult moved = promotion
                .run(List.of(PromotionRequest.retag("a", "app", "dev_2", "stage")))
                .images()
                .get(0);

        assertThat(rerun.status()).isEqualTo(PromotionStatus.UNCHANGED);
        assertThat(moved.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(moved.reason()).contains("--force");
        assertThat(Files.readAllBytes(dir.resolve("app/index.json"))).isEqualTo(indexBefore);

        ImageResult forced = new ImagePromotion(layout, PromotionOptions.DEFAULTS.withForce(true))
                .run(List.of(PromotionRequest.retag("a", "app", "dev_2", "stage")))
                .images()
                .get(0);
        assertThat(forced.status()).isEqualTo(PromotionStatus.TAGGED);
        assertThat(refNames(index("app")).stream().filter("stage"::equals)).hasSize(1);
    }

    @Test
    void dryRunLeavesTheLayoutUntouched() throws Exception {
        OciLayoutRegistry layout = new OciLayoutRegistry(dir);
        TestImages.pushImage(layout, "app", "dev_1", Flavor.OCI, "dry");
        byte[] indexBefore = Files.readAllBytes(dir.resolve("app/index.json"));

        ImageResult result = new ImagePromotion(layout, PromotionOptions.DEFAULTS.withDryRun(true))
                .run(List.of(PromotionRequest.retag("a", "app", "dev_1", "stage")))
                .images()
                .get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.WOULD_TAG);
        assertThat(Files.readAllBytes(dir.resolve("app/index.json"))).isEqualTo(indexBefore);
    }

    @Test
    void keepsEveryTagWhenTwoRunsWriteTheSameLayoutAtOnce() throws Exception {
        OciLayoutRegistry seed = new OciLayoutRegistry(dir);
        List<PromotionRequest> first = new ArrayList<>();
        List<PromotionRequest> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestImages.pushImage(seed, "busy/app", "dev_" + i, Flavor.OCI, "busy-" + i);
            first.add(PromotionRequest.retag("a" + i, "busy/app", "dev_" + i, "stage_" + i));
            second.add(PromotionRequest.retag("b" + i, "busy/app", "dev_" + i, "prod_" + i));
        }

        // Two independent instances, as two jobs on one agent would have; each run is itself concurrent.
        CompletableFuture<PromotionReport> one = CompletableFuture.supplyAsync(
                () -> new ImagePromotion(new OciLayoutRegistry(dir), PromotionOptions.DEFAULTS).run(first));
        CompletableFuture<PromotionReport> two = CompletableFuture.supplyAsync(
                () -> new ImagePromotion(new OciLayoutRegistry(dir), PromotionOptions.DEFAULTS).run(second));

        assertThat(one.get(60, TimeUnit.SECONDS).count(PromotionStatus.TAGGED)).isEqualTo(20);
        assertThat(two.get(60, TimeUnit.SECONDS).count(PromotionStatus.TAGGED)).isEqualTo(20);
        Set<String> names = new HashSet<>(refNames(index("busy/app")));
        for (int i = 0; i < 20; i++) {
            assertThat(names).contains("dev_" + i, "stage_" + i, "prod_" + i);
        }
        assertThat(refNames(index("busy/app"))).hasSize(60);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
    }

    @Test
    void reportsAMissingSourceWithoutCreatingAnything() {
        OciLayoutRegistry layout = new OciLayoutRegistry(dir);

        ImageResult result = new ImagePromotion(layout, PromotionOptions.DEFAULTS)
                .run(List.of(PromotionRequest.retag("a", "nothing/here", "dev_1", "stage")))
                .images()
                .get(0);

        assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
        assertThat(result.reason()).contains("not found");
        assertThat(dir.resolve("nothing")).doesNotExist();
    }

    @Test
    void exportsFromARegistryIntoALayoutThatSkopeoCanRead() throws Exception {
        Path skopeo = RequiredTool.SKOPEO.require();
        try (RegistryServer server = RegistryServer.start(dir.resolve("registry"));
                HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            Pushed image = TestImages.pushIndex(registry, "dev/app", "build_1", Flavor.OCI, "export");
            OciLayoutRegistry layout = new OciLayoutRegistry(dir.resolve("airgap"));

            ImageResult result = new ImagePromotion(registry, layout, PromotionOptions.DEFAULTS)
                    .run(List.of(new PromotionRequest("a", "dev/app", "build_1", "prod/app", "release_1")))
                    .images()
                    .get(0);

            assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
            for (Descriptor blob : image.blobs()) {
                assertThat(layout.hasBlob("prod/app", blob)).isTrue();
            }
            Process inspect = new ProcessBuilder(
                            skopeo.toString(),
                            "inspect",
                            "--raw",
                            "oci:" + dir.resolve("airgap/prod/app") + ":release_1")
                    .redirectErrorStream(true)
                    .start();
            byte[] raw = inspect.getInputStream().readAllBytes();
            assertThat(inspect.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(inspect.exitValue())
                    .as(new String(raw, StandardCharsets.UTF_8))
                    .isZero();
            assertThat(raw).isEqualTo(image.manifest().bytes());
            ImageManifest back =
                    layout.manifest(ImageRef.tagged("prod/app", "release_1")).orElseThrow();
            assertThat(back.digest()).isEqualTo(image.manifest().digest());
        }
    }
}
