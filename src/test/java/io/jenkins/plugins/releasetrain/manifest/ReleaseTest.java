package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    private final Release staging = new ManifestLoader()
            .load(Fixtures.example("staging-us-east-2.yaml"))
            .release();

    @Test
    void findsEveryArtifactByItsIdAsListed() {
        assertThat(staging.artifacts())
                .hasSize(9)
                .allSatisfy(listed -> assertThat(staging.artifact(listed.id())).contains(listed));
    }

    @Test
    void findsNothingForIdsOfNoArtifact() {
        assertThat(staging.artifact("product1/deploy/no-such")).isEmpty();
        assertThat(staging.artifact("product2/deploy/cf-edge-s3")).isEmpty();
        assertThat(staging.artifact("product1/other/cf-edge-s3")).isEmpty();
        assertThat(staging.artifact("product1/image/product1")).isEmpty();
        assertThat(staging.artifact("product1/deploy")).isEmpty();
        assertThat(staging.artifact("product1")).isEmpty();
        assertThat(staging.artifact("")).isEmpty();
        assertThat(staging.artifact("/deploy/cf-edge-s3")).isEmpty();
    }
}
