package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords.ImageOutcome;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records of a promotion driven branch by branch, and what the ledger makes of them. */
class PromotionRecordsTest {

    private static final Instant T0 = Instant.parse("2026-08-22T10:15:02Z");
    private static final RunId RUN = RunId.forBuild("promote-staging", 7);
    private static final String PORTAL = "product1/deploy/portal";
    private static final String LAMBDA = "product1/deploy/cf-edge-s3";
    private static final String IMAGE_1 = "product1/image/product1/microservice-1";
    private static final String IMAGE_2 = "product1/image/product1/microservice-2";
    private static final String IMAGE_3 = "product1/image/product1/microservice-3";

    private final LoadedManifest manifest = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
    private final Release release = manifest.release();
    private final PromotionRecords records = new PromotionRecords(RUN, release, "alice");

    @TempDir
    Path ledgerDirectory;

    @Test
    void startsWithTheManifestTextAndThePlanCounts() {
        ReleasePlan plan = ReleasePlan.of(release, Optional.empty());

        ReleaseStarted started = records.started(manifest, plan, T0);

        assertThat(started.runId()).isEqualTo(RUN);
        assertThat(started.actor()).isEqualTo("alice");
        assertThat(started.sourceText()).isEqualTo(manifest.document().text());
        assertThat(started.plan().added()).isEqualTo(9);
        assertThat(started.release()).isEqualTo(release);
        assertThat(started.details()).isEmpty();
    }

    @Test
    void aStartSaysWhichBuildRanTheRelease() {
        Map<String, String> build = Map.of(
                "jenkins.job", "promote-staging",
                "jenkins.build", "7",
                "jenkins.url", "https://jenkins.example.com/job/promote-staging/7/");

        ReleaseStarted started = records.started(manifest, ReleasePlan.of(release, Optional.empty()), T0, build);

        assertThat(started.details()).isEqualTo(build);
    }

    @Test
    void aBranchResultBecomesOneResultPerArtifact() {
        List<ArtifactResult> succeeded = records.branch(
                List.of(PORTAL), "SUCCESS", "release-jobs/s3-upload-portal #3", Map.of(), T0, T0.plusSeconds(40));
        List<ArtifactResult> failed =
                records.branch(List.of(LAMBDA), "UNSTABLE", null, Map.of(), T0, T0.plusSeconds(10));
        List<ArtifactResult> notRun = records.branch(List.of(LAMBDA), "NOT_BUILT", "", Map.of(), T0, T0);

        assertThat(succeeded).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ArtifactStatus.SUCCEEDED);
            assertThat(r.message()).isEqualTo("release-jobs/s3-upload-portal #3");
            assertThat(r.started()).isEqualTo(T0);
            assertThat(r.ended()).isEqualTo(T0.plusSeconds(40));
            assertThat(r.artifact().attributes()).containsEntry("workflowBase", "s3-upload-portal");
        });
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ArtifactStatus.FAILED);
            assertThat(r.message()).isEqualTo("UNSTABLE");
        });
        assertThat(notRun).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ArtifactStatus.SKIPPED);
            assertThat(r.message()).startsWith("not run:");
        });
    }

    @Test
    void anAbortedBranchIsCancelledAndTheReleaseNeverEndsAsASuccess() {
        List<ArtifactResult> aborted =
                records.branch(List.of(LAMBDA), "ABORTED", null, Map.of(), T0, T0.plusSeconds(5));

        assertThat(aborted).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ArtifactStatus.CANCELLED);
            assertThat(r.message()).isEqualTo("ABORTED");
        });
        assertThat(records.finished(Set.of(ArtifactStatus.SUCCEEDED, ArtifactStatus.CANCELLED), false, T0)
                        .status())
                .isEqualTo(ReleaseStatus.CANCELLED);
    }

    @Test
    void imagesTakeTheImageEnginesOutcomeAndTheBranchsWhenItNeverReachedThem() {
        List<ArtifactResult> results = records.branch(
                List.of(IMAGE_1, IMAGE_2, IMAGE_3),
                "FAILURE",
                "registry unreachable",
                Map.of(
                        IMAGE_1, new ImageOutcome(PromotionStatus.TAGGED, "tagged stage_us_123"),
                        IMAGE_2, new ImageOutcome(PromotionStatus.UNCHANGED, "already tagged")),
                T0,
                T0.plusSeconds(2));

        assertThat(results)
                .extracting(ArtifactResult::status)
                .containsExactly(ArtifactStatus.SUCCEEDED, ArtifactStatus.UNCHANGED, ArtifactStatus.FAILED);
        assertThat(results)
                .extracting(ArtifactResult::message)
                .containsExactly("tagged stage_us_123", "already tagged", "registry unreachable");
    }

    @Test
    void refusesArtifactsOfAnotherRelease() {
        assertThatThrownBy(() -> records.branch(List.of("product9/deploy/x"), "SUCCESS", "", Map.of(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("product9/deploy/x is not an artifact of release");
    }

    @Test
    void anImagesResultKeepsTheDigestsItsTagPointedAtBeforeAndAfter() {
        String after = "sha256:" + "a".repeat(64);
        String before = "sha256:" + "b".repeat(64);
        List<ArtifactResult> results = records.branch(
                List.of(IMAGE_1, IMAGE_2),
                "SUCCESS",
                null,
                Map.of(
                        IMAGE_1, new ImageOutcome(PromotionStatus.TAGGED, "tagged stage_us_123", after, before),
                        IMAGE_2, new ImageOutcome(PromotionStatus.FAILED, "not found", null, null)),
                T0,
                T0.plusSeconds(3),
                Map.of(ArtifactResult.BUILD, "release-jobs/images #4"));

        assertThat(results.get(0).details())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(ArtifactResult.DIGEST, after, ArtifactResult.PREVIOUS_DIGEST, before));
        assertThat(results.get(1).details())
                .as("a failed image points nowhere new")
                .isEmpty();
    }

    @Test
    void theLedgerSeesAWholePromotionAsTheCommandLineRecordsOne() {
        Ledger ledger = Ledger.open(ledgerDirectory);
        PromotionPlan plan = PromotionPlan.of(
                ReleasePlan.of(release, DeployedArtifacts.none()), JobTemplate.DEFAULT, PromotionScope.changed());
        List<String> deployments = plan.branches().stream()
                .filter(b -> b.kind() == PromotionBranch.Kind.DEPLOYMENT)
                .flatMap(b -> b.artifacts().stream().map(PlannedArtifact::id))
                .toList();

        try (EnvironmentLock lock = ledger.lock("staging-us-east-2", RUN, "alice")) {
            lock.append(records.started(manifest, plan.plan(), T0));
            lock.appendAll(records.branch(deployments, "SUCCESS", "", Map.of(), T0, T0.plusSeconds(30)));
            lock.appendAll(
                    records.branch(List.of(IMAGE_1, IMAGE_2, IMAGE_3), "FAILURE", "no registry", Map.of(), T0, T0));
            lock.appendAll(records.leftOut(Map.of(), T0.plusSeconds(31)));
            EnvironmentLedger recorded = ledger.read("staging-us-east-2");
            List<ArtifactStatus> statuses = recorded.run(RUN).orElseThrow().results().stream()
                    .map(ArtifactResult::status)
                    .toList();
            lock.append(records.finished(statuses, false, T0.plusSeconds(32)));
        }

        EnvironmentLedger recorded = ledger.read("staging-us-east-2");
        ReleaseRun run = recorded.run(RUN).orElseThrow();
        assertThat(run.status()).contains(ReleaseStatus.FAILED);
        assertThat(run.actor()).isEqualTo("alice");
        assertThat(recorded.succeededArtifacts(release.id())).containsExactlyInAnyOrderElementsOf(deployments);
        assertThat(recorded.state().artifacts()).hasSize(6);
    }

    @Test
    void artifactsLeftOutAreUnchangedOrSkippedAndTheEndAddsUp() {
        List<ArtifactResult> leftOut = records.leftOut(Map.of(PORTAL, "unchanged", LAMBDA, "succeeded"), T0);

        assertThat(leftOut)
                .extracting(ArtifactResult::artifactId, ArtifactResult::status)
                .containsExactlyInAnyOrder(
                        tuple(PORTAL, ArtifactStatus.UNCHANGED), tuple(LAMBDA, ArtifactStatus.SKIPPED));
        ReleaseFinished succeeded =
                records.finished(Set.of(ArtifactStatus.SUCCEEDED, ArtifactStatus.UNCHANGED), false, T0);
        ReleaseFinished cancelled = records.finished(Set.of(ArtifactStatus.SUCCEEDED), true, T0);
        assertThat(succeeded.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(cancelled.status()).isEqualTo(ReleaseStatus.CANCELLED);
        assertThat(succeeded.runId()).isEqualTo(RUN);
    }

    @Test
    void aVerificationSaysWhichAttemptDecidedInOneLineAndKeepsOnlyTheTailOfItsOutput() {
        String longOutput = "x".repeat(RunOptions.DEFAULT_OUTPUT_LIMIT) + "\nsmoke test: checkout returned 502\n";

        ReleaseVerified failed = records.verified(
                false, "checkout returned 502\n  at smoke.sh:12", 3, 3, T0, T0.plusSeconds(90), longOutput);
        ReleaseVerified passed = records.verified(true, null, 1, 2, T0, T0.plusSeconds(5), null);

        assertThat(failed.message()).isEqualTo("checkout returned 502 (attempt 3 of 3)");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.output())
                .startsWith("[35 earlier bytes of output not kept]\n")
                .endsWith("smoke test: checkout returned 502\n");
        assertThat(failed.runId()).isEqualTo(RUN);
        assertThat(failed.time()).isEqualTo(T0.plusSeconds(90));
        assertThat(passed.message()).isEqualTo("passed");
        assertThat(passed.output()).isEmpty();
        assertThat(passed.label()).isEqualTo("verified");
        assertThat(records.verified(true, "y".repeat(500), 1, 1, T0, T0, "").message())
                .hasSize(200)
                .endsWith("\u2026");
    }

    @Test
    void refusesVerificationAttemptsOutOfBounds() {
        assertThatThrownBy(() -> records.verified(true, "ok", 0, 1, T0, T0, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> records.verified(true, "ok", 3, 2, T0, T0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a verification allowed 2 attempts cannot have run 3 times");
        assertThatThrownBy(() -> records.verified(true, "ok", 1, 11, T0, T0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a verification may run 1 to 10 times, not 11");
    }

    @Test
    void onlyARunThatSucceededAndDeployedSomethingIsVerifiedWithWhatItDeployed() {
        List<ArtifactResult> results = new java.util.ArrayList<>();
        results.addAll(records.branch(List.of(PORTAL), "SUCCESS", "deployed", Map.of(), T0, T0));
        results.addAll(records.leftOut(Map.of(LAMBDA, "unchanged"), T0));
        ReleaseFinished succeeded =
                records.finished(Set.of(ArtifactStatus.SUCCEEDED, ArtifactStatus.UNCHANGED), false, T0);

        VerificationRequest request =
                VerificationRequest.after(release, succeeded, results).orElseThrow();

        assertThat(request.changedArtifacts()).containsExactly(PORTAL);
        assertThat(request.runId()).isEqualTo("promote-staging#7");
        Map<String, Object> map = request.toMap();
        assertThat(map)
                .containsEntry("environment", "staging-us-east-2")
                .containsEntry("releaseId", release.id().value())
                .containsEntry("changedArtifacts", List.of(PORTAL));
        assertThat((List<?>) map.get("parameters"))
                .extracting(p -> (Object) ((Map<?, ?>) p).get("name"))
                .containsExactlyElementsOf(ReleaseContext.ofVerification(release, "promote-staging#7", List.of(PORTAL))
                        .keySet());
        assertThat(VerificationRequest.after(
                        release, records.finished(Set.of(ArtifactStatus.FAILED), false, T0), results))
                .isEmpty();
        assertThat(VerificationRequest.after(
                        release,
                        records.finished(Set.of(ArtifactStatus.UNCHANGED), false, T0),
                        records.leftOut(Map.of(LAMBDA, "unchanged"), T0)))
                .as("nothing deployed: nothing to verify")
                .isEmpty();
    }
}
