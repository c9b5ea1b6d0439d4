package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ReleaseContextTest {

    @Test
    void describesADeploymentWithTheDocumentedNamesInOrder() {
        Release release = new ManifestLoader()
                .load(Fixtures.example("staging-us-east-2.yaml"))
                .release();
        DeploymentArtifact resources = (DeploymentArtifact)
                release.artifact("product1/deploy/resources").orElseThrow();

        assertThat(ReleaseContext.of(release, resources))
                .containsExactly(
                        entry("RELEASE_ENVIRONMENT", "staging-us-east-2"),
                        entry("RELEASE_ENV_SHORT_NAME", "stage-us"),
                        entry("RELEASE_TAG_PREFIX", "stage_us"),
                        entry("RELEASE_PRODUCT", "product1"),
                        entry("RELEASE_VERSION", "1.9.0"),
                        entry("RELEASE_CANDIDATE", "2"),
                        entry("RELEASE_GIT_REPO", "private-resources"),
                        entry("RELEASE_GIT_REPO_SHORT_NAME", "resources"),
                        entry("RELEASE_GIT_COMMIT", "4f545ec8f09c81ac645926f755ba13f46434f636"),
                        entry("RELEASE_DEPLOY_TARGET", "s3"),
                        entry("RELEASE_ID", release.id().value()),
                        entry("RELEASE_ARTIFACT_ID", "product1/deploy/resources"));
    }
}
