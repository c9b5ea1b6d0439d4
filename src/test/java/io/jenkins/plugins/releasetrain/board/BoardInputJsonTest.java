package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardInputJsonTest {

    private static final String MINIMAL = """
            {
              "schemaVersion": 1,
              "generatedAt": "2026-05-01T10:00:00Z",
              "environments": [
                {
                  "name": "staging-us-east-2",
                  "artifacts": [
                    {
                      "artifactId": "product1/deploy/cf-edge-s3",
                      "product": "product1",
                      "kind": "deploy",
                      "version": "0017ee3735f0c652c604f905523e8c3da0bfeba4",
                      "status": "succeeded",
                      "releaseId": "2d9f0c",
                      "at": "2026-04-30T18:00:00Z"
                    }
                  ]
                }
              ]
            }
            """;

    @Test
    void writtenInputReadsBackTheSame() {
        BoardInput input = BoardInputGenerator.small().generate();

        assertThat(BoardInputJson.read("generated.json", BoardInputJson.write(input)))
                .isEqualTo(input);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        EnvironmentInput staging =
                BoardInputJson.read("in.json", MINIMAL).environments().get(0);

        assertThat(staging.shortName()).isEqualTo("staging-us-east-2");
        assertThat(staging.history()).isEmpty();
        assertThat(staging.pendingApprovals()).isEmpty();
        ArtifactState state = staging.artifacts().get(0);
        assertThat(state.displayVersion()).isEqualTo("0017ee3735f0");
        assertThat(state.by()).isNull();
        assertThat(state.productVersion()).isNull();
    }

    @Test
    void namesTheMissingFieldWithItsPath() {
        String text = Fixtures.replaceOnce(MINIMAL, "\"version\": \"0017ee3735f0c652c604f905523e8c3da0bfeba4\",", "");

        assertThatThrownBy(() -> BoardInputJson.read("in.json", text))
                .isInstanceOf(BoardInputException.class)
                .hasMessage("in.json: environments[0].artifacts[0].version: is missing");
    }

    @Test
    void rejectsAnUnknownStatusListingTheKnownOnes() {
        String text = Fixtures.replaceOnce(MINIMAL, "\"succeeded\"", "\"done\"");

        assertThatThrownBy(() -> BoardInputJson.read("in.json", text))
                .hasMessage("in.json: environments[0].artifacts[0].status: 'done' is not a status here;"
                        + " use one of succeeded, failed, running, pending-approval");
    }

    @Test
    void takesRunStatusesForRunsButNotForCells() {
        String partialCell = Fixtures.replaceOnce(MINIMAL, "\"succeeded\"", "\"partial\"");

        assertThatThrownBy(() -> BoardInputJson.read("in.json", partialCell))
                .hasMessageContaining("'partial' is not a status here");
        HistoryEntry partialRun =
                new HistoryEntry("7", "r", Status.PARTIAL, BoardTest.T0, BoardTest.T0, null, List.of(), null);
        EnvironmentInput environment = new EnvironmentInput("staging", null, List.of(), List.of(partialRun), List.of());
        BoardInput input = new BoardInput(BoardTest.T0, List.of(environment));
        assertThat(BoardInputJson.read("in.json", BoardInputJson.write(input))).isEqualTo(input);
    }

    @Test
    void rejectsATimeWithoutAZoneShowingTheExpectedForm() {
        String text = Fixtures.replaceOnce(MINIMAL, "2026-04-30T18:00:00Z", "2026-04-30 18:00");

        assertThatThrownBy(() -> BoardInputJson.read("in.json", text))
                .hasMessageContaining("environments[0].artifacts[0].at: '2026-04-30 18:00' is not a UTC time such as"
                        + " 2026-05-01T12:00:00Z");
    }

    @Test
    void rejectsAnotherSchemaVersion() {
        String text = Fixtures.replaceOnce(MINIMAL, "\"schemaVersion\": 1", "\"schemaVersion\": 2");

        assertThatThrownBy(() -> BoardInputJson.read("in.json", text))
                .hasMessage("in.json: schemaVersion: is 2; this release-train reads 1");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> BoardInputJson.read("in.json", "environments: []"))
                .isInstanceOf(BoardInputException.class)
                .hasMessageStartingWith("in.json: not JSON:");
    }

    @Test
    void rejectsAnArtifactListedTwiceInAnEnvironment() {
        String artifact =
                MINIMAL.substring(MINIMAL.indexOf("{\n          \"artifactId\""), MINIMAL.indexOf("}\n      ]") + 1);
        String text = Fixtures.replaceOnce(MINIMAL, artifact, artifact + ", " + artifact);

        assertThatThrownBy(() -> BoardInputJson.read("in.json", text))
                .hasMessage("in.json: environments[0]: environment staging-us-east-2 lists an artifact more than once");
    }
}
