package io.jenkins.plugins.releasetrain.manifest;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseIdTest {

    private static final String STAGING = exampleText("staging-us-east-2.yaml");

    private static ReleaseId idOf(String text) {
        return new ManifestLoader().load("m.yaml", text).release().id();
    }

    @Test
    void ignoresCommentsFormattingAndKeyOrder() {
        String reformatted = replaceOnce(STAGING, "# Release manifest", "# Edited comment\n# Release manifest");
        reformatted = replaceOnce(
                reformatted,
                "  name: staging-us-east-2\n  shortName: stage-us\n",
                "  shortName: 'stage-us'   # short\n  name: \"staging-us-east-2\"\n");
        assertThat(idOf(reformatted)).isEqualTo(idOf(STAGING));
    }

    @Test
    void ignoresTheOrderOfArtifacts() {
        String swapped = replaceOnce(
                STAGING,
                "      - repoName: product1/microservice-1\n        sourceTag: dev_123\n"
                        + "      - repoName: product1/microservice-2\n        sourceTag: dev_456\n",
                "      - repoName: product1/microservice-2\n        sourceTag: dev_456\n"
                        + "      - repoName: product1/microservice-1\n        sourceTag: dev_123\n");
        assertThat(idOf(swapped)).isEqualTo(idOf(STAGING));
    }

    @Test
    void changesWithAnyValue() {
        ReleaseId original = idOf(STAGING);
        for (String[] edit : List.of(
                new String[] {"releaseCandidate: 2", "releaseCandidate: 3"},
                new String[] {"sourceTag: dev_456", "sourceTag: dev_457"},
                new String[] {"deployTarget: apigw", "deployTarget: generic"},
                new String[] {"destinationTagPrefix: stage_us", "destinationTagPrefix: stage_eu"},
                new String[] {"sourceTag: dev_789", "sourceTag: dev_789\n        destinationTag: custom_1"})) {
            assertThat(idOf(replaceOnce(STAGING, edit[0], edit[1])))
                    .as("after changing %s", edit[0])
                    .isNotEqualTo(original);
        }
    }

    @Test
    void isSixtyFourHexDigitsWithATwelveDigitShortForm() {
        ReleaseId id = idOf(STAGING);
        assertThat(id.value()).matches("[0-9a-f]{64}");
        assertThat(id.shortForm()).isEqualTo(id.value().substring(0, 12));
        assertThatThrownBy(() -> new ReleaseId("../../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
