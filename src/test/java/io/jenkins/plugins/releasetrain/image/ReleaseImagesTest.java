package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A release's images become promotion requests with derived (or explicit) destination tags and artifact ids. */
class ReleaseImagesTest {

    private static Release load(String text) {
        return new ManifestLoader().load("release.yaml", text).release();
    }

    @Test
    void derivesDestinationTagsFromTheEnvironmentPrefix() {
        List<PromotionRequest> requests = ReleaseImages.requests(load(Fixtures.exampleText("staging-us-east-2.yaml")));

        assertThat(requests)
                .containsExactly(
                        PromotionRequest.retag(
                                "product1/image/product1/microservice-1",
                                "product1/microservice-1",
                                "dev_123",
                                "stage_us_123"),
                        PromotionRequest.retag(
                                "product1/image/product1/microservice-2",
                                "product1/microservice-2",
                                "dev_456",
                                "stage_us_456"),
                        PromotionRequest.retag(
                                "product1/image/product1/microservice-3",
                                "product1/microservice-3",
                                "dev_789",
                                "stage_us_789"));
    }

    @Test
    void usesAnExplicitDestinationTagWhenTheManifestGivesOne() {
        String text = Fixtures.replaceOnce(
                Fixtures.exampleText("production-us-east-2.yaml"),
                "sourceTag: dev_401",
                "sourceTag: dev_401\n        destinationTag: prod_us_hotfix");

        List<PromotionRequest> requests = ReleaseImages.requests(load(text));

        assertThat(requests.get(1).destinationTag()).isEqualTo("prod_us_hotfix");
        assertThat(requests.get(0).destinationTag()).isEqualTo("prod_us_123");
    }

    @Test
    void selectsTheImagesOfSomeProducts() {
        Release staging = load(Fixtures.exampleText("staging-us-east-2.yaml"));

        assertThat(ReleaseImages.requests(staging, Set.of("product1"))).hasSize(3);
        assertThat(ReleaseImages.requests(staging, Set.of())).isEmpty();
        assertThatThrownBy(() -> ReleaseImages.requests(staging, Set.of("product2", "product1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the release has no product product2; its products are product1");
    }
}
