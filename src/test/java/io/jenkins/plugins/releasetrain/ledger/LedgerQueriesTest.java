package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.PRODUCTION;
import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.STAGING;
import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The questions the board, the approvals and the plugin ask, on histories written as runs write them. */
class LedgerQueriesTest {

    private static final String RESOURCES = "product1/deploy/resources";
    private static final String PORTAL = "product1/deploy/portal";
    private static final String OLD_COMMIT = "4f545ec8f09c81ac645926f755ba13f46434f636";
    private static final String NEW_COMMIT = "5f545ec8f09c81ac645926f755ba13f46434f636";

    @TempDir
    Path dir;

    private final LoadedManifest first = LedgerFixtures.staging();
    private final LoadedManifest second = LedgerFixtures.edited("staging-us-east-2.yaml", OLD_COMMIT, NEW_COMMIT);
    private final RunId run1 = new RunId("run-1");
    private final RunId run2 = new RunId("run-2");

    @Test
    void stateIsTheLastLiveResultOfEachArtifactSoAFailureLeavesTheOldVersionLive() {
        Ledger ledger = Ledger.open(dir);
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        append(ledger, STAGING, runWhere(run2, second, RESOURCES, ArtifactStatus.FAILED, T0.plusSeconds(3600)));

        EnvironmentState state = ledger.state(STAGING);

        assertThat(state.artifacts()).hasSize(first.release().artifacts().size());
        assertThat(state.artifact(RESOURCES)).hasValueSatisfying(live -> {
            assertThat(live.artifact().version()).isEqualTo(OLD_COMMIT);
            assertThat(live.releaseId()).isEqualTo(first.release().id());
            assertThat(live.deployedIn()).isEqualTo(run1);
            assertThat(live.deployedBy()).isEqualTo("alice");
        });
        assertThat(state.artifact("product1/deploy/portal")).hasValueSatisfying(live -> {
            assertThat(live.latest().status()).isEqualTo(ArtifactStatus.UNCHANGED);
            assertThat(live.releaseId()).isEqualTo(second.release().id());
        });
        assertThat(state.productVersions()).containsEntry("product1", "1.9.0-rc2");
    }

    @Test
    void anArtifactFoundUnchangedBelongsToTheLaterReleaseButKeepsWhenAndByWhomItWasDeployed() {
        Ledger ledger = Ledger.open(dir);
        Instant later = T0.plusSeconds(3600);
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        List<LedgerRecord> rerun = new ArrayList<>();
        for (LedgerRecord record : runWhere(run2, second, RESOURCES, ArtifactStatus.SUCCEEDED, later)) {
            rerun.add(record instanceof ArtifactResult r ? withActor(r, "bob") : record);
        }
        append(ledger, STAGING, rerun);

        EnvironmentState state = ledger.state(STAGING);

        assertThat(state.artifact("product1/deploy/portal")).hasValueSatisfying(live -> {
            assertThat(live.releaseId()).isEqualTo(second.release().id());
            assertThat(live.deployedIn()).isEqualTo(run1);
            assertThat(live.deployedBy()).isEqualTo("alice");
            assertThat(live.deployedAt()).isBefore(later);
        });
        assertThat(state.artifact(RESOURCES)).hasValueSatisfying(live -> {
            assertThat(live.deployedIn()).isEqualTo(run2);
            assertThat(live.deployedBy()).isEqualTo("bob");
        });
    }

    @Test
    void stateAtAnInstantIsWhatWasLiveThen() {
        Ledger ledger = Ledger.open(dir);
        Instant later = T0.plusSeconds(3600);
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        append(ledger, STAGING, LedgerFixtures.run(run2, second, ArtifactStatus.SUCCEEDED, later));

        EnvironmentLedger read = ledger.read(STAGING);

        assertThat(read.stateAt(later.minusSeconds(1))
                        .artifact(RESOURCES)
                        .orElseThrow()
                        .artifact()
                        .version())
                .isEqualTo(OLD_COMMIT);
        assertThat(read.state().artifact(RESOURCES).orElseThrow().artifact().version())
                .isEqualTo(NEW_COMMIT);
        assertThat(read.stateAt(T0).artifacts()).isEmpty();
        assertThat(read.stateAt(later).asOf()).contains(later);
    }

    @Test
    void lastSuccessfulReleaseIsRebuiltExactlyFromItsRecordedManifest() {
        Ledger ledger = Ledger.open(dir);
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        append(ledger, STAGING, runWhere(run2, second, RESOURCES, ArtifactStatus.FAILED, T0.plusSeconds(60)));

        assertThat(ledger.lastSuccessfulRelease(STAGING)).contains(first.release());
        assertThat(ledger.read(STAGING).lastSuccessfulRun().orElseThrow().runId())
                .isEqualTo(run1);
        assertThat(ledger.lastSuccessfulRelease(PRODUCTION)).isEmpty();
    }

    @Test
    void historyIsNewestFirstInPages() {
        Ledger ledger = Ledger.open(dir);
        for (int i = 1; i <= 5; i++) {
            append(
                    ledger,
                    STAGING,
                    LedgerFixtures.run(
                            new RunId("run-" + i), first, ArtifactStatus.SUCCEEDED, T0.plusSeconds(i * 100L)));
        }

        HistoryPage newest = ledger.history(STAGING, 0, 2);
        HistoryPage oldest = ledger.history(STAGING, 4, 2);

        assertThat(newest.runs()).extracting(r -> r.runId().value()).containsExactly("run-5", "run-4");
        assertThat(newest.total()).isEqualTo(5);
        assertThat(newest.hasMore()).isTrue();
        assertThat(oldest.runs()).extracting(r -> r.runId().value()).containsExactly("run-1");
        assertThat(oldest.hasMore()).isFalse();
        assertThat(newest.runs().get(0).results())
                .hasSize(first.release().artifacts().size());
        assertThat(newest.runs().get(0).status()).contains(ReleaseStatus.SUCCEEDED);
    }

    @Test
    void pendingReleasesAreStartedWithoutResultsOrEndAndCarryTheirApprovals() {
        Ledger ledger = Ledger.open(dir);
        Release waiting = second.release();
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        append(
                ledger,
                STAGING,
                List.of(
                        LedgerFixtures.approval(first.release(), "carol", ApprovalDecision.APPROVED, T0.plusSeconds(1)),
                        LedgerFixtures.started(run2, second, "alice", T0.plusSeconds(10)),
                        LedgerFixtures.approval(waiting, "bob", ApprovalDecision.APPROVED, T0.plusSeconds(20)),
                        LedgerFixtures.approval(waiting, "dave", ApprovalDecision.REJECTED, T0.plusSeconds(30))));

        List<PendingRelease> pending = ledger.pending(STAGING);

        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.releaseId()).isEqualTo(waiting.id());
            assertThat(p.approvals()).extracting(ApprovalRecorded::actor).containsExactly("bob", "dave");
            assertThat(p.approvals())
                    .extracting(ApprovalRecorded::decision)
                    .containsExactly(ApprovalDecision.APPROVED, ApprovalDecision.REJECTED);
        });
    }

    @Test
    void aRunThatRecordedResultsAndNeverFinishedIsNotPendingButUnfinished() {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> killed = LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0);
        append(ledger, STAGING, killed.subList(0, 3));

        EnvironmentLedger read = ledger.read(STAGING);

        assertThat(read.pending()).isEmpty();
        assertThat(read.latestRun()).hasValueSatisfying(r -> {
            assertThat(r.isFinished()).isFalse();
            assertThat(r.status()).isEmpty();
            assertThat(r.results()).hasSize(2);
        });
    }

    @Test
    void driftListsArtifactsLiveAtDifferentVersionsButNotTheirEnvironmentTags() {
        Ledger ledger = Ledger.open(dir);
        LoadedManifest production = LedgerFixtures.production();
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));
        append(ledger, PRODUCTION, LedgerFixtures.run(run2, production, ArtifactStatus.SUCCEEDED, T0));

        List<ArtifactDrift> drift = ledger.drift(STAGING, PRODUCTION);

        assertThat(drift)
                .extracting(ArtifactDrift::artifactId)
                .containsExactly("product1/deploy/apigw-main", RESOURCES, "product1/image/product1/microservice-2");
        assertThat(drift).allSatisfy(d -> assertThat(d.kind()).isEqualTo(ArtifactDrift.Kind.VERSION));
        assertThat(drift.get(2).from().orElseThrow().artifact().version()).isEqualTo("dev_456");
        assertThat(drift.get(2).to().orElseThrow().artifact().version()).isEqualTo("dev_401");
    }

    @Test
    void driftShowsArtifactsLiveOnlyOnOneSide() {
        Ledger ledger = Ledger.open(dir);
        append(ledger, STAGING, LedgerFixtures.run(run1, first, ArtifactStatus.SUCCEEDED, T0));

        List<ArtifactDrift> drift = ledger.drift(STAGING, PRODUCTION);

        assertThat(drift).hasSize(first.release().artifacts().size());
        assertThat(drift).allSatisfy(d -> assertThat(d.kind()).isEqualTo(ArtifactDrift.Kind.ONLY_FROM));
    }

    @Test
    void lastRunOfAReleaseIsItsLatestRunWithItsResults() {
        Ledger ledger = Ledger.open(dir);
        RunId resumed = new RunId("run-3");
        append(ledger, STAGING, runWhere(run1, first, RESOURCES, ArtifactStatus.FAILED, T0));
        append(ledger, STAGING, LedgerFixtures.run(run2, second, ArtifactStatus.SUCCEEDED, T0.plusSeconds(60)));
        append(ledger, STAGING, LedgerFixtures.run(resumed, first, ArtifactStatus.SUCCEEDED, T0.plusSeconds(120)));

        EnvironmentLedger read = ledger.read(STAGING);

        assertThat(read.lastRun(first.release().id()))
                .hasValueSatisfying(r -> assertThat(r.runId()).isEqualTo(resumed));
        assertThat(read.run(run1).orElseThrow().result(RESOURCES).orElseThrow().status())
                .isEqualTo(ArtifactStatus.FAILED);
        assertThat(read.run(run1).orElseThrow().status()).contains(ReleaseStatus.FAILED);
    }

    @Test
    void succeededArtifactsOfAReleaseSpanItsRunsAndForgetWhatFailedLast() {
        Ledger ledger = Ledger.open(dir);
        append(ledger, STAGING, runWhere(run1, first, RESOURCES, ArtifactStatus.FAILED, T0));
        List<LedgerRecord> second =
                new ArrayList<>(runWhere(run2, first, RESOURCES, ArtifactStatus.SUCCEEDED, T0.plusSeconds(60)));
        second.removeIf(
                r -> r instanceof ArtifactResult result && result.artifactId().equals(PORTAL));
        append(ledger, STAGING, second);
        append(
                ledger,
                STAGING,
                List.of(LedgerFixtures.result(
                        new RunId("run-3"),
                        first.release(),
                        first.release().artifact(PORTAL).orElseThrow(),
                        ArtifactStatus.FAILED,
                        T0.plusSeconds(120))));

        EnvironmentLedger read = ledger.read(STAGING);

        assertThat(read.succeededArtifacts(first.release().id()))
                .contains(RESOURCES)
                .doesNotContain(PORTAL)
                .hasSize(first.release().artifacts().size() - 1);
        assertThat(read.succeededArtifacts(this.second.release().id())).isEmpty();
    }

    /** A run where one artifact ends with {@code status} and every other one is unchanged. */
    private static List<LedgerRecord> runWhere(
            RunId run, LoadedManifest manifest, String artifactId, ArtifactStatus status, Instant start) {
        Release release = manifest.release();
        List<LedgerRecord> records = new ArrayList<>();
        records.add(LedgerFixtures.started(run, manifest, "alice", start));
        List<ArtifactStatus> statuses = new ArrayList<>();
        Instant time = start;
        for (Artifact artifact : release.artifacts()) {
            time = time.plusSeconds(1);
            ArtifactStatus each = artifact.id().equals(artifactId) ? status : ArtifactStatus.UNCHANGED;
            records.add(LedgerFixtures.result(run, release, artifact, each, time));
            statuses.add(each);
        }
        records.add(LedgerFixtures.finished(run, release, ReleaseStatus.of(statuses), time.plusSeconds(1)));
        return records;
    }

    private static ArtifactResult withActor(ArtifactResult r, String actor) {
        return new ArtifactResult(
                r.runId(),
                r.releaseId(),
                actor,
                r.time(),
                r.artifact(),
                r.status(),
                r.message(),
                r.started(),
                r.ended(),
                r.output());
    }

    private static void append(Ledger ledger, String environment, List<LedgerRecord> records) {
        try (EnvironmentLock lock = ledger.lock(environment, new RunId("writer"), "alice")) {
            lock.appendAll(records);
        }
    }
}
