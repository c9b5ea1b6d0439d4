package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStarted;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerEntry;
import io.jenkins.plugins.releasetrain.ledger.LedgerRecord;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.testing.FileWait;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of the example release with real handler processes and a real ledger. */
class ReleaseRunnerTest {

    private static final String STAGING = "staging-us-east-2";
    private static final String PORTAL = "product1/deploy/portal";

    @TempDir
    Path dir;

    private final LoadedManifest withImages = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
    /** The example without its images, so that a run can succeed completely without a registry. */
    private final LoadedManifest deployments = new ManifestLoader()
            .load(
                    "staging-deployments.yaml",
                    Fixtures.exampleText("staging-us-east-2.yaml")
                            .substring(
                                    0,
                                    Fixtures.exampleText("staging-us-east-2.yaml")
                                            .indexOf("    images:")));

    @Test
    void deploysEachDeploymentWithItsHandlerAndRecordsEveryResult() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);

        RunReport report = runner(RunOptions.defaults()).run(withImages, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(Handlers.calls(calls))
                .containsExactlyInAnyOrder(
                        "product1/deploy/cf-edge-s3",
                        "product1/deploy/lic-verf",
                        "product1/deploy/resources",
                        "product1/deploy/assets",
                        PORTAL,
                        "product1/deploy/apigw-main");
        assertThat(report.count(ArtifactStatus.SUCCEEDED)).isEqualTo(6);
        assertThat(report.count(ArtifactStatus.SKIPPED)).isEqualTo(3);
        assertThat(report.results())
                .filteredOn(r -> r.status() == ArtifactStatus.SKIPPED)
                .allSatisfy(r -> assertThat(r.message()).isEqualTo("no registry in this test"));
        assertThat(report.status()).isEqualTo(ReleaseStatus.PARTIAL);
        assertThat(report.failed()).isFalse();
        assertThat(report.results())
                .filteredOn(r -> r.artifactId().equals(PORTAL))
                .singleElement()
                .satisfies(r -> assertThat(r.output()).isEqualTo("deployed " + PORTAL + "\n"));

        EnvironmentLedger ledger = Ledger.open(dir.resolve("ledger")).read(STAGING);
        List<LedgerEntry> entries = ledger.entries();
        // the start, each deployment's start before its handler runs, every result, the end
        assertThat(entries).hasSize(1 + 6 + 9 + 1);
        assertThat(entries.get(0).record()).isInstanceOfSatisfying(ReleaseStarted.class, started -> {
            assertThat(started.actor()).isEqualTo("alice");
            assertThat(started.release()).isEqualTo(withImages.release());
            assertThat(started.plan().added()).isEqualTo(9);
        });
        List<LedgerRecord> between =
                entries.subList(1, 16).stream().map(LedgerEntry::record).toList();
        assertThat(between).filteredOn(ArtifactResult.class::isInstance).containsExactlyElementsOf(report.results());
        assertThat(between)
                .filteredOn(ArtifactStarted.class::isInstance)
                .extracting(r -> ((ArtifactStarted) r).artifactId())
                .containsExactlyInAnyOrderElementsOf(report.results().stream()
                        .filter(r -> r.status() == ArtifactStatus.SUCCEEDED)
                        .map(ArtifactResult::artifactId)
                        .toList());
        for (ArtifactResult result : report.results()) {
            int start = indexOfStart(between, result.artifactId());
            if (result.status() == ArtifactStatus.SUCCEEDED) {
                assertThat(start).as("started before its result").isLessThan(between.indexOf(result));
            }
        }
        assertThat(entries.get(16).record())
                .isInstanceOfSatisfying(
                        ReleaseFinished.class,
                        finished -> assertThat(finished.status()).isEqualTo(ReleaseStatus.PARTIAL));
        assertThat(ledger.state().artifacts()).hasSize(6);
    }

    @Test
    void recordsAFailedDeploymentAndStillRunsTheOthers() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        Handlers.write(dir.resolve("handlers"), "s3-upload-portal", "echo 'bucket not found' >&2\nexit 4");

        RunReport report = runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(report.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(report.failed()).isTrue();
        assertThat(report.count(ArtifactStatus.SUCCEEDED)).isEqualTo(5);
        assertThat(report.results())
                .filteredOn(r -> r.artifactId().equals(PORTAL))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ArtifactStatus.FAILED);
                    assertThat(r.message()).isEqualTo("exit 4");
                    assertThat(r.output()).isEqualTo("bucket not found\n");
                });
        EnvironmentLedger ledger = Ledger.open(dir.resolve("ledger")).read(STAGING);
        assertThat(ledger.latestRun().orElseThrow().status()).contains(ReleaseStatus.FAILED);
        assertThat(ledger.state().artifact(PORTAL)).isEmpty();
    }

    @Test
    void runningTheSameManifestAgainRunsNothingAndRecordsEveryArtifactUnchanged() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        RunReport again = runner(RunOptions.defaults()).run(deployments, "bob", Duration.ZERO, RunListener.NONE);

        assertThat(Handlers.calls(calls)).hasSize(6);
        assertThat(again.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(again.results()).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ArtifactStatus.UNCHANGED);
            assertThat(r.message()).contains("already live with this content", "--all");
        });
        assertThat(Ledger.open(dir.resolve("ledger")).state(STAGING).artifacts())
                .allSatisfy(live -> assertThat(live.deployedBy()).isEqualTo("alice"));
    }

    @Test
    void runsUnchangedArtifactsAgainWhenAskedForAll() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        RunReport again =
                runner(RunOptions.defaults().withAll(true)).run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(Handlers.calls(calls)).hasSize(12);
        assertThat(again.count(ArtifactStatus.SUCCEEDED)).isEqualTo(6);
    }

    @Test
    void resumeRunsOnlyWhatDidNotSucceedInTheReleasesLastRun() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        Handlers.write(dir.resolve("handlers"), "s3-upload-portal", "exit 1");
        RunReport failed = runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);
        Handlers.recording(dir.resolve("handlers"), calls);

        RunReport resumed = runner(RunOptions.defaults().withResume(true))
                .run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(Handlers.calls(calls)).filteredOn(PORTAL::equals).hasSize(1);
        assertThat(Handlers.calls(calls)).hasSize(6);
        assertThat(resumed.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(resumed.results())
                .filteredOn(r -> !r.artifactId().equals(PORTAL))
                .hasSize(5)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(ArtifactStatus.UNCHANGED);
                    assertThat(r.message())
                            .isEqualTo(
                                    "succeeded in run " + failed.runId().orElseThrow() + "; not run again (--resume)");
                });
        assertThat(Ledger.open(dir.resolve("ledger")).state(STAGING).artifacts())
                .hasSize(6);
    }

    @Test
    void refusesToResumeAReleaseThatNeverRanHere() {
        Handlers.recording(dir.resolve("handlers"), dir.resolve("calls.log"));

        assertThatThrownBy(() -> runner(RunOptions.defaults().withResume(true))
                        .run(deployments, "alice", Duration.ZERO, RunListener.NONE))
                .isInstanceOf(InvalidRunException.class)
                .hasMessageContaining("nothing to resume")
                .hasMessageContaining("has never run in staging-us-east-2");
        assertThat(dir.resolve("ledger/" + STAGING + ".jsonl")).doesNotExist();
    }

    @Test
    void resumingAReleaseThatSucceededDoesNothingAndRecordsNothing() throws Exception {
        Handlers.recording(dir.resolve("handlers"), dir.resolve("calls.log"));
        runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);
        long size = Files.size(dir.resolve("ledger/" + STAGING + ".jsonl"));

        RunReport resumed = runner(RunOptions.defaults().withResume(true))
                .run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(resumed.runId()).isEmpty();
        assertThat(resumed.preview().nothingToDo())
                .hasValueSatisfying(m -> assertThat(m).contains("already succeeded"));
        assertThat(Files.size(dir.resolve("ledger/" + STAGING + ".jsonl"))).isEqualTo(size);
    }

    @Test
    void refusesToStartWhenAHandlerIsMissingAndRunsAndRecordsNothing() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        Files.delete(dir.resolve("handlers/api-gw-deploy"));

        assertThatThrownBy(
                        () -> runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE))
                .isInstanceOf(InvalidRunException.class)
                .hasMessageContaining("no handler for workflowBase 'api-gw-deploy'");
        assertThat(Handlers.calls(calls)).isEmpty();
        assertThat(dir.resolve("ledger/" + STAGING + ".jsonl")).doesNotExist();
    }

    @Test
    void needsNoHandlersWhenNoDeploymentRuns() throws Exception {
        Handlers.recording(dir.resolve("handlers"), dir.resolve("calls.log"));
        runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE);
        ReleaseRunner withoutHandlers = new ReleaseRunner(
                Ledger.open(dir.resolve("ledger")),
                Optional.empty(),
                ImageTagging.unavailable("no registry in this test"),
                RunOptions.defaults(),
                Clock.systemUTC());

        assertThat(withoutHandlers.problems(withoutHandlers.preview(deployments)))
                .isEmpty();
        assertThat(withoutHandlers.problems(withoutHandlers.preview(withImages)))
                .isEmpty();
    }

    @Test
    void runsAtMostConcurrencyHandlersAtOnce() throws Exception {
        Path running = Files.createDirectories(dir.resolve("running"));
        Path seen = dir.resolve("seen.log");
        for (String workflow : Handlers.EXAMPLE_WORKFLOWS) {
            Handlers.write(
                    dir.resolve("handlers"),
                    workflow,
                    String.join(
                            "\n",
                            "mkdir '" + running + "'/\"$RELEASE_GIT_REPO_SHORT_NAME\"",
                            "ls '" + running + "' | wc -l >> '" + seen + "'",
                            "sleep 0.5",
                            "rmdir '" + running + "'/\"$RELEASE_GIT_REPO_SHORT_NAME\""));
        }

        RunReport report = runner(RunOptions.defaults().withConcurrency(2))
                .run(deployments, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(report.count(ArtifactStatus.SUCCEEDED)).isEqualTo(6);
        List<Integer> atOnce = Files.readAllLines(seen).stream()
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        assertThat(atOnce)
                .hasSize(6)
                .allSatisfy(n -> assertThat(n).isBetween(1, 2))
                .contains(2);
    }

    @Test
    void cancellingKillsTheRunningHandlerStartsNoOtherAndRecordsTheRunCancelled() throws Exception {
        Path calls = dir.resolve("calls.log");
        Path started = dir.resolve("started");
        Handlers.recording(dir.resolve("handlers"), calls);
        Handlers.write(
                dir.resolve("handlers"),
                "lambda-job",
                "sleep 600 &\necho $! > '" + started + ".tmp'\nmv '" + started + ".tmp' '" + started + "'\nwait");
        ReleaseRunner runner = runner(RunOptions.defaults().withConcurrency(1));
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(deployments, "alice", Duration.ZERO, RunListener.NONE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long sleeper = Long.parseLong(
                FileWait.awaitContent(started, Duration.ofSeconds(30)).trim());

        runner.cancel();

        RunReport report = run.get(30, TimeUnit.SECONDS);
        assertThat(report.status()).isEqualTo(ReleaseStatus.CANCELLED);
        assertThat(report.failed()).isTrue();
        assertThat(report.results())
                .filteredOn(r -> r.status() == ArtifactStatus.CANCELLED)
                .singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith("cancelled while running"));
        assertThat(report.results()).noneMatch(r -> r.status() == ArtifactStatus.FAILED);
        assertThat(report.results())
                .filteredOn(r -> r.status() == ArtifactStatus.SKIPPED)
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.message()).isEqualTo("not started: the run was cancelled"));
        assertThat(Handlers.calls(calls)).isEmpty();
        ProcessHandle.of(sleeper).ifPresent(p -> assertThat(p.onExit()).succeedsWithin(Duration.ofSeconds(10)));
        assertThat(Ledger.open(dir.resolve("ledger"))
                        .read(STAGING)
                        .latestRun()
                        .orElseThrow()
                        .status())
                .contains(ReleaseStatus.CANCELLED);
    }

    @Test
    void refusesToRunWhileAnotherRunHoldsTheEnvironment() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        try (EnvironmentLock other = Ledger.open(dir.resolve("ledger")).lock(STAGING, new RunId("other-run"), "bob")) {
            assertThatThrownBy(() ->
                            runner(RunOptions.defaults()).run(deployments, "alice", Duration.ZERO, RunListener.NONE))
                    .isInstanceOf(EnvironmentLockedException.class)
                    .hasMessageContaining("run other-run by bob");
        }
        assertThat(Handlers.calls(calls)).isEmpty();
    }

    @Test
    void aGateThatRefusesUnderTheLockStopsTheRunBeforeAnythingRunsOrIsRecorded() throws Exception {
        Path calls = dir.resolve("calls.log");
        Handlers.recording(dir.resolve("handlers"), calls);
        List<Boolean> lockHeldDuringCheck = new java.util.ArrayList<>();
        RunGate rejected = preview -> {
            try (EnvironmentLock probe =
                    Ledger.open(dir.resolve("ledger")).lock(STAGING, new RunId("probe"), "carol")) {
                lockHeldDuringCheck.add(false);
            } catch (EnvironmentLockedException e) {
                lockHeldDuringCheck.add(true);
            }
            return RunGate.Verdict.refuse("rejected by dave a moment ago");
        };

        assertThatThrownBy(() -> runner(RunOptions.defaults())
                        .run(deployments, "alice", Duration.ZERO, RunListener.NONE, rejected))
                .isInstanceOf(RunRefusedException.class)
                .hasMessage("rejected by dave a moment ago");

        assertThat(lockHeldDuringCheck).containsExactly(true);
        assertThat(Handlers.calls(calls)).isEmpty();
        assertThat(Ledger.open(dir.resolve("ledger")).read(STAGING).runs()).isEmpty();
    }

    @Test
    void previewWritesNothing() throws Exception {
        Handlers.recording(dir.resolve("handlers"), dir.resolve("calls.log"));

        RunPreview preview = runner(RunOptions.defaults()).preview(withImages);

        assertThat(preview.runnable()).hasSize(6);
        assertThat(preview.steps()).hasSize(9);
        assertThat(dir.resolve("ledger")).doesNotExist();
    }

    private ReleaseRunner runner(RunOptions options) throws InvalidRunException {
        return new ReleaseRunner(
                Ledger.open(dir.resolve("ledger")),
                Optional.of(HandlerDirectory.of(dir.resolve("handlers"))),
                ImageTagging.unavailable("no registry in this test"),
                options,
                Clock.systemUTC());
    }

    private static int indexOfStart(List<LedgerRecord> records, String artifactId) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof ArtifactStarted started
                    && started.artifactId().equals(artifactId)) {
                return i;
            }
        }
        return -1;
    }
}
