package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.http.Credentials;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.RequiredTool;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry protected by htpasswd (basic auth): explicit credentials, Docker config.json, none, wrong ones. */
@RequiresTools({"docker-registry", "htpasswd"})
class BasicAuthTest {

    private static final Credentials USER = new Credentials("deployer", "s3cret-pass");

    @TempDir
    static Path dir;

    static RegistryServer server;

    @BeforeAll
    static void startRegistry() throws Exception {
        Path htpasswd = RequiredTool.HTPASSWD.require();
        Process process = new ProcessBuilder(htpasswd.toString(), "-Bbn", USER.username(), USER.password()).start();
        String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.writeString(dir.resolve("htpasswd"), line + "\n");
        server = RegistryServer.start(
                dir, "  htpasswd:\n    realm: release-train-test\n    path: " + dir.resolve("htpasswd") + "\n");
        try (HttpRegistry admin = new HttpRegistry(server.endpoint(), USER)) {
            TestImages.pushImage(admin, "secure/app", "dev_1", Flavor.DOCKER, "basic");
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    private static PromotionReport promote(ImageRegistry registry, String destinationTag) {
        return new ImagePromotion(registry, PromotionOptions.DEFAULTS.withRetry(HttpPromotionTest.FAST_RETRY))
                .run(List.of(PromotionRequest.retag("a", "secure/app", "dev_1", destinationTag)));
    }

    @Test
    void promotesWithExplicitCredentials() {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), USER)) {
            ImageResult result = promote(registry, "stage_1").images().get(0);

            assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        }
    }

    @Test
    void promotesWithCredentialsFromDockerConfig() throws Exception {
        String auth = Base64.getEncoder()
                .encodeToString((USER.username() + ":" + USER.password()).getBytes(StandardCharsets.UTF_8));
        Path config = dir.resolve("docker-config.json");
        Files.writeString(
                config, "{\"auths\":{\"http://127.0.0.1:" + server.port() + "/v2/\":{\"auth\":\"" + auth + "\"}}}");

        try (ImageRegistry registry =
                Registries.open(server.reference(), RegistryOptions.DEFAULTS.withDockerConfig(config), Map.of(), dir)) {
            ImageResult result = promote(registry, "stage_2").images().get(0);

            assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        }
    }

    @Test
    void findsDockerConfigThroughTheDockerConfigVariable() throws Exception {
        String auth = Base64.getEncoder()
                .encodeToString((USER.username() + ":" + USER.password()).getBytes(StandardCharsets.UTF_8));
        Path configDir = Files.createDirectories(dir.resolve("docker-home"));
        Files.writeString(
                configDir.resolve("config.json"),
                "{\"auths\":{\"127.0.0.1:" + server.port() + "\":{\"auth\":\"" + auth + "\"}}}");

        try (ImageRegistry registry = Registries.open(
                server.reference(), RegistryOptions.DEFAULTS, Map.of("DOCKER_CONFIG", configDir.toString()), dir)) {
            ImageResult result = promote(registry, "stage_3").images().get(0);

            assertThat(result.status()).as(result.reason()).isEqualTo(PromotionStatus.TAGGED);
        }
    }

    @Test
    void failsClearlyWithoutCredentials() {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            ImageResult result = promote(registry, "stage_4").images().get(0);

            assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(result.reason()).contains("requires a user name and password");
        }
    }

    @Test
    void failsClearlyWithAWrongPasswordAndNeverRetriesIt() {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), new Credentials(USER.username(), "wrong"))) {
            ImageResult result = promote(registry, "stage_5").images().get(0);

            assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(result.reason()).contains("refused our credentials");
            assertThat(registry.requestCount()).isLessThanOrEqualTo(2);
        }
    }
}
