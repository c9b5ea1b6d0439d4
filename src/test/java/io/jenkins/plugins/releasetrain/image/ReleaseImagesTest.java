package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.List;
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
}
