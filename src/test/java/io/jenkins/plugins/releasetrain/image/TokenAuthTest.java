package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.image.TestImages.Flavor;
import io.jenkins.plugins.releasetrain.image.http.Credentials;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bearer-token flow: the registry answers 401 with {@code WWW-Authenticate: Bearer realm=...}, the
 * client gets a token for the scope from the token service and retries; the registry itself verifies
 * the token's signature, issuer, audience and granted actions.
 */
@RequiresTools({"docker-registry"})
class TokenAuthTest {

    private static final Credentials USER = new Credentials("ci-bot", "token-pass");

    @TempDir
    static Path dir;

    static TokenServer tokens;
    static RegistryServer server;

    @BeforeAll
    static void startRegistry() throws Exception {
        tokens = new TokenServer(dir, USER);
        server = RegistryServer.start(dir, tokens.registryAuthSection(dir));
        try (HttpRegistry admin = new HttpRegistry(server.endpoint(), USER)) {
            for (int i = 0; i < 3; i++) {
                TestImages.pushImage(admin, "tokened/app", "dev_" + i, Flavor.OCI, "token-" + i);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void promotesWithATokenFetchedOncePerScope() {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), USER)) {
            int before = tokens.requests().size();
            List<PromotionRequest> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                requests.add(PromotionRequest.retag("a" + i, "tokened/app", "dev_" + i, "stage_" + i));
            }

            PromotionReport report = new ImagePromotion(
                            registry, PromotionOptions.DEFAULTS.withRetry(HttpPromotionTest.FAST_RETRY))
                    .run(requests);

            assertThat(report.images())
                    .allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(PromotionStatus.TAGGED));
            List<TokenServer.TokenRequest> issued =
                    tokens.requests().subList(before, tokens.requests().size());
            assertThat(issued).allSatisfy(t -> assertThat(t.authenticated()).isTrue());
            assertThat(issued)
                    .extracting(TokenServer.TokenRequest::scopes)
                    .containsExactlyInAnyOrder(
                            List.of("repository:tokened/app:pull"), List.of("repository:tokened/app:pull,push"));
            ImageManifest promoted = new HttpRegistryReader(registry).manifest("tokened/app", "stage_2");
            assertThat(promoted.digest().toString())
                    .isEqualTo(report.images().get(2).digest());
        }
    }

    @Test
    void failsClearlyWhenTheTokenServiceRefusesTheCredentials() {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), new Credentials("ci-bot", "nope"))) {
            ImageResult result = new ImagePromotion(
                            registry, PromotionOptions.DEFAULTS.withRetry(HttpPromotionTest.FAST_RETRY))
                    .run(List.of(PromotionRequest.retag("a", "tokened/app", "dev_0", "stage_x")))
                    .images()
                    .get(0);

            assertThat(result.status()).isEqualTo(PromotionStatus.FAILED);
            assertThat(result.reason()).contains("token service").contains("HTTP 401");
        }
    }

    /** Reads back through the same authenticated client. */
    private record HttpRegistryReader(HttpRegistry registry) {
        ImageManifest manifest(String repository, String tag) {
            try {
                return registry.manifest(ImageRef.tagged(repository, tag)).orElseThrow();
            } catch (RegistryException e) {
                throw new AssertionError(e);
            }
        }
    }
}
