package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-train tag-images} on the example staging release, against a real registry and a layout. */
@RequiresTools({"docker-registry"})
class TagImagesCommandTest {

    private static final String STAGING =
            Fixtures.example("staging-us-east-2.yaml").toString();

    @TempDir
    static Path dir;

    static RegistryServer server;

    @BeforeAll
    static void startRegistryWithTheExampleImages() throws Exception {
        server = RegistryServer.start(dir.resolve("registry"));
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TestImages.pushIndex(registry, "product1/microservice-1", "dev_123", Flavor.OCI, "ms1");
            TestImages.pushImage(registry, "product1/microservice-2", "dev_456", Flavor.DOCKER, "ms2");
            TestImages.pushImage(registry, "product1/microservice-3", "dev_789", Flavor.OCI, "ms3");
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tagsEveryImageOfTheReleaseThenReportsThemUnchanged() throws Exception {
        CliResult first = CliResult.run("tag-images", STAGING, "--registry", server.reference());
        CliResult second = CliResult.run("tag-images", STAGING, "--registry", server.reference());

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.OK);
        assertThat(first.out())
                .contains("Tagging images of staging-us-east-2")
                .contains("tagged product1/microservice-1:dev_123 -> product1/microservice-1:stage_us_123 sha256:")
                .contains("tagged product1/microservice-2:dev_456 -> product1/microservice-2:stage_us_456")
                .contains("3 images: 3 tagged, 0 unchanged, 0 failed");
        assertThat(second.exit()).isEqualTo(ExitCode.OK);
        assertThat(second.out()).contains("3 images: 0 tagged, 3 unchanged, 0 failed");
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TagState source = registry.digest(ImageRef.tagged("product1/microservice-1", "dev_123"));
            assertThat(registry.digest(ImageRef.tagged("product1/microservice-1", "stage_us_123")))
                    .isEqualTo(source);
        }
    }

    @Test
    void writesOneJsonDocumentAndTheReportFile() throws Exception {
        Path report = dir.resolve("report.json");

        CliResult run = CliResult.run(
                "tag-images",
                STAGING,
                "--registry",
                server.reference(),
                "--format",
                "json",
                "--report",
                report.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("summary").path("total").asInt()).isEqualTo(3);
        assertThat(json.path("images").get(0).path("artifactId").asText())
                .isEqualTo("product1/image/product1/microservice-1");
        assertThat(json.path("images").get(0).path("destination").asText())
                .isEqualTo("product1/microservice-1:stage_us_123");
        assertThat(new ObjectMapper()
                        .readTree(Files.readString(report))
                        .path("images")
                        .size())
                .isEqualTo(3);
    }

    @Test
    void dryRunOnALayoutWritesNothing() throws Exception {
        Path layoutDir = dir.resolve("layout-dry");
        OciLayoutRegistry layout = new OciLayoutRegistry(layoutDir);
        TestImages.pushImage(layout, "product1/microservice-1", "dev_123", Flavor.OCI, "l1");
        TestImages.pushImage(layout, "product1/microservice-2", "dev_456", Flavor.OCI, "l2");
        TestImages.pushImage(layout, "product1/microservice-3", "dev_789", Flavor.OCI, "l3");
        byte[] before = Files.readAllBytes(layoutDir.resolve("product1/microservice-1/index.json"));

        CliResult run = CliResult.run("tag-images", STAGING, "--registry", "oci-layout:" + layoutDir, "--dry-run");

        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .contains("would-tag product1/microservice-3:dev_789")
                .contains("3 would be tagged");
        assertThat(Files.readAllBytes(layoutDir.resolve("product1/microservice-1/index.json")))
                .isEqualTo(before);
    }

    @Test
    void exitsWithOneWhenAnImageCannotBeTagged() {
        Path empty = dir.resolve("layout-empty");

        CliResult run = CliResult.run("tag-images", STAGING, "--registry", "oci-layout:" + empty);

        assertThat(run.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("failed product1/microservice-1:dev_123 -> product1/microservice-1:stage_us_123: source")
                .contains("not found");
    }

    @Test
    void exitsWithTwoForABadRegistryReferenceOrOption() {
        CliResult badReference = CliResult.run("tag-images", STAGING, "--registry", "ftp://example.com");
        CliResult badRegion = CliResult.run("tag-images", STAGING, "--registry", "ecr:moon-1");
        CliResult badConcurrency =
                CliResult.run("tag-images", STAGING, "--registry", server.reference(), "--concurrency", "0");
        CliResult missingManifest = CliResult.run("tag-images", "no/such.yaml", "--registry", server.reference());

        assertThat(badReference.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(badReference.err()).contains("unsupported registry reference 'ftp://example.com'");
        assertThat(badRegion.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(badRegion.err()).contains("invalid AWS region 'moon-1'");
        assertThat(badConcurrency.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(badConcurrency.err()).contains("concurrency must be 1..64");
        assertThat(missingManifest.exit()).isEqualTo(ExitCode.INVALID);
    }
}
