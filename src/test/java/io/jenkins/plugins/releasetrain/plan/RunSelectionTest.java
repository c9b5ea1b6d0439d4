package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.PlanSummary;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which artifacts a run runs, and what it records for the others. */
class RunSelectionTest {

    private static final String PORTAL = "product1/deploy/portal";
    private static final Instant T0 = Instant.parse("2026-08-01T09:00:00Z");

    private final LoadedManifest staging = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
    private final Release release = staging.release();
    private final ImageTagging noImages = ImageTagging.unavailable("no --registry given");

    @Test
    void runsAddedAndChangedArtifactsAndRecordsUnchangedOnesWithoutRunningThem() {
        Release live = new ManifestLoader()
                .load(
                        "live.yaml",
                        Fixtures.replaceOnce(
                                Fixtures.exampleText("staging-us-east-2.yaml"),
                                "b4522e8ffe7162d01bfe7637ab7412fee919d2a5",
                                "a4522e8ffe7162d01bfe7637ab7412fee919d2a5"))
                .release();
        ReleasePlan plan = ReleasePlan.of(release, DeployedArtifacts.of(live));

        List<RunStep> steps = RunSelection.select(plan, RunOptions.defaults(), Optional.empty(), noImages);

        assertThat(steps)
                .filteredOn(RunStep::runs)
                .extracting(s -> s.artifact().id())
                .containsExactly(PORTAL);
        assertThat(steps).filteredOn(s -> !s.runs()).hasSize(8).allSatisfy(s -> {
            assertThat(s.skip().orElseThrow().status()).isEqualTo(ArtifactStatus.UNCHANGED);
            assertThat(s.skip().orElseThrow().message()).contains("--all");
        });
    }

    @Test
    void skipsImagesWithTheReasonWhenTheyCannotBeTagged() {
        ReleasePlan plan = ReleasePlan.of(release, DeployedArtifacts.none());

        List<RunStep> steps = RunSelection.select(plan, RunOptions.defaults(), Optional.empty(), noImages);

        assertThat(steps)
                .filteredOn(s -> s.artifact().id().contains("/image/"))
                .hasSize(3)
                .allSatisfy(s -> {
                    assertThat(s.runs()).isFalse();
                    assertThat(s.skip().orElseThrow().status()).isEqualTo(ArtifactStatus.SKIPPED);
                    assertThat(s.skip().orElseThrow().message()).isEqualTo("no --registry given");
                });
    }

    @Test
    void onResumeDoesNotRedeployWhatSucceededEvenIfSomethingElseReplacedItSinceAndSaysSo() {
        // The portal succeeded in the release's last run, then another release put another commit live.
        RunId last = new RunId("last-run");
        ReleaseRun previous = new ReleaseRun(
                ReleaseStarted.of(last, staging, PlanSummary.none(), "alice", T0),
                List.of(new ArtifactResult(
                        last,
                        release.id(),
                        "alice",
                        T0,
                        RecordedArtifact.of(release, release.artifact(PORTAL).orElseThrow()),
                        ArtifactStatus.SUCCEEDED,
                        "exit 0",
                        T0,
                        T0,
                        "")),
                Optional.empty());
        Release replaced = new ManifestLoader()
                .load(
                        "other.yaml",
                        Fixtures.replaceOnce(
                                Fixtures.exampleText("staging-us-east-2.yaml"),
                                "b4522e8ffe7162d01bfe7637ab7412fee919d2a5",
                                "f4522e8ffe7162d01bfe7637ab7412fee919d2a5"))
                .release();
        ReleasePlan plan = ReleasePlan.of(release, DeployedArtifacts.of(replaced));

        List<RunStep> steps =
                RunSelection.select(plan, RunOptions.defaults().withResume(true), Optional.of(previous), noImages);

        assertThat(steps)
                .filteredOn(s -> s.artifact().id().equals(PORTAL))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.change()).isEqualTo(ChangeKind.CHANGED);
                    assertThat(s.skip().orElseThrow().status()).isEqualTo(ArtifactStatus.SKIPPED);
                    assertThat(s.skip().orElseThrow().message())
                            .contains("succeeded in run last-run", "without --resume");
                });
    }
}
