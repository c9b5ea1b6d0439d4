package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.PlanSummary;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate fed from a real ledger directory: approvals written and read back, upstream successes found. */
class LedgerApprovalsTest {

    private static final Instant T0 = Instant.parse("2026-10-20T08:00:00Z");
    private static final ProtectionRule RULE = Scenario.TWO_LEADS
            .withRequires("staging-*")
            .withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));

    @TempDir
    Path dir;

    @Test
    void everyActionSurvivesTheRoundTripThroughTheLedger() {
        Identity dana = new Identity("dana", Set.of("release-leads", "payroll"), Set.of("dana@example.com"), true);
        for (ApprovalAction action : ApprovalAction.values()) {
            ApprovalEvent event =
                    new ApprovalEvent(Scenario.PRODUCTION.id(), "production-us-east-2", dana, action, "why", T0);
            ApprovalRecorded record = LedgerApprovals.record(event, RULE);
            ApprovalEvent back = LedgerApprovals.event(record);
            assertThat(back.action()).isEqualTo(action);
            assertThat(back.actor().aliases()).containsExactly("dana@example.com");
            assertThat(back.actor().admin()).isTrue();
            // Only the groups the rule names are recorded: the others are none of the ledger's business.
            assertThat(record.groups()).containsExactly("release-leads");
            assertThat(record.details()).containsEntry("rule", "production").containsEntry("action", action.label());
        }
        assertThat(LedgerApprovals.record(
                                new ApprovalEvent(
                                        Scenario.PRODUCTION.id(),
                                        "production-us-east-2",
                                        dana,
                                        ApprovalAction.EMERGENCY_OVERRIDE,
                                        "",
                                        T0),
                                RULE)
                        .decision())
                .isEqualTo(ApprovalDecision.APPROVED);
    }

    @Test
    void theGroupsOfApprovalGroupsAndOfTheHotfixLaneAreRecordedSoLaterDecisionsCountThem() {
        Identity erin = new Identity("erin", Set.of("security", "on-call", "payroll"), Set.of(), false);
        ProtectionRule rule = RULE.withApprovalGroups(new ApprovalGroup("security", Approvers.groups("security"), 1))
                .withHotfixLane(new HotfixLane(Approvers.groups("on-call"), 1));
        ApprovalEvent event = new ApprovalEvent(
                Scenario.PRODUCTION.id(), "production-us-east-2", erin, ApprovalAction.APPROVE, "", T0);

        ApprovalRecorded record = LedgerApprovals.record(event, rule);

        assertThat(record.groups()).containsExactly("on-call", "security");
        assertThat(LedgerApprovals.event(record).actor().groups()).containsExactlyInAnyOrder("on-call", "security");
    }

    @Test
    void readsApprovalsTheStartedRunAndUpstreamSuccessesFromTheLedger() {
        Ledger ledger = Ledger.open(dir);
        LoadedManifest staging = load("staging-us-east-2.yaml");
        LoadedManifest promoted = new ManifestLoader()
                .load(
                        "production-promoted.yaml",
                        Fixtures.exampleText("production-us-east-2.yaml")
                                .replace(
                                        "3e1bfbd23a381c770cac57e56fb08d66c00b77ee",
                                        "4f545ec8f09c81ac645926f755ba13f46434f636")
                                .replace(
                                        "2617569ff9c1478317fbdf6b0e94091233deecbb",
                                        "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952")
                                .replace("sourceTag: dev_401", "sourceTag: dev_456"));
        RunId stagingRun = new RunId("staging-1");
        try (EnvironmentLock lock = ledger.lock("staging-us-east-2", stagingRun, "ci")) {
            lock.append(ReleaseStarted.of(stagingRun, staging, PlanSummary.none(), "ci", T0));
            lock.append(new ReleaseFinished(
                    stagingRun, staging.release().id(), ReleaseStatus.SUCCEEDED, "ci", T0.plusSeconds(600)));
        }
        RunId productionRun = new RunId("production-1");
        try (EnvironmentLock lock = ledger.lock("production-us-east-2", productionRun, "carol")) {
            lock.append(ReleaseStarted.of(productionRun, promoted, PlanSummary.none(), "carol", T0.plusSeconds(900)));
            for (String lead : List.of("bob", "carol", "dana")) {
                lock.append(LedgerApprovals.record(
                        new ApprovalEvent(
                                promoted.release().id(),
                                "production-us-east-2",
                                Identity.of(lead).withGroups("release-leads"),
                                ApprovalAction.APPROVE,
                                "",
                                T0.plusSeconds(1200)),
                        RULE));
            }
        }

        ApprovalHistory history = LedgerApprovals.history(ledger, "production-us-east-2", Optional.of(RULE));
        assertThat(history.events()).extracting(e -> e.actor().user()).containsExactly("bob", "carol", "dana");
        assertThat(history.successes()).singleElement().satisfies(success -> {
            assertThat(success.environment()).isEqualTo("staging-us-east-2");
            assertThat(success.releaseId()).isEqualTo(staging.release().id());
            assertThat(success.finishedAt()).isEqualTo(T0.plusSeconds(600));
        });
        Optional<Identity> requester = LedgerApprovals.requester(
                ledger, "production-us-east-2", promoted.release().id());
        assertThat(requester.map(Identity::user)).contains("carol");

        ApprovalRequest request = ApprovalRequest.of(
                ReleasePlan.of(promoted.release(), Optional.empty()), history, new Participants(requester, List.of()));
        Decision decision = ApprovalGate.decide(Optional.of(RULE), request, T0.plus(Duration.ofHours(1)));
        assertThat(decision.isAllowed()).as(decision.message()).isTrue();
        assertThat(decision.message())
                .contains("approved by bob and dana (2 of 2 required)")
                .contains("its content succeeded in staging-us-east-2 at 2026-10-20 08:10 UTC");
        assertThat(decision.judgements())
                .filteredOn(j -> j.event().actor().user().equals("carol"))
                .extracting(Judgement::standing)
                .containsExactly(Standing.TRIGGERING_USER);
    }

    @Test
    void aFailedUpstreamRunIsNoEvidence() {
        Ledger ledger = Ledger.open(dir);
        LoadedManifest staging = load("staging-us-east-2.yaml");
        RunId run = new RunId("staging-1");
        try (EnvironmentLock lock = ledger.lock("staging-us-east-2", run, "ci")) {
            lock.append(ReleaseStarted.of(run, staging, PlanSummary.none(), "ci", T0));
            lock.append(
                    new ReleaseFinished(run, staging.release().id(), ReleaseStatus.FAILED, "ci", T0.plusSeconds(60)));
        }
        assertThat(LedgerApprovals.history(ledger, "production-us-east-2", Optional.of(RULE))
                        .successes())
                .isEmpty();
    }

    @Test
    void onlyWhatAllowedJobsWroteIsEvidence() {
        Ledger ledger = Ledger.open(dir);
        LoadedManifest staging = load("staging-us-east-2.yaml");
        RunId forged = new RunId("attacker#1");
        try (EnvironmentLock lock = ledger.lock("staging-us-east-2", forged, "mallory")) {
            lock.append(ReleaseStarted.of(
                    forged, staging, PlanSummary.none(), "mallory", T0, Map.of(LedgerApprovals.JOB, "attacker")));
            lock.append(new ReleaseFinished(
                    forged, staging.release().id(), ReleaseStatus.SUCCEEDED, "mallory", T0.plusSeconds(60)));
        }
        try (EnvironmentLock lock = ledger.lock("production-us-east-2", forged, "mallory")) {
            lock.append(LedgerApprovals.record(
                    new ApprovalEvent(
                            staging.release().id(),
                            "production-us-east-2",
                            Identity.of("bob").withGroups("release-leads"),
                            ApprovalAction.APPROVE,
                            "",
                            T0),
                    RULE,
                    Map.of(LedgerApprovals.JOB, "attacker", LedgerApprovals.BUILD, "1")));
        }
        JobPolicy releaseJobsOnly =
                (environment, job) -> JobPatterns.parse("release/**").allows(job);

        ApprovalHistory trusted =
                LedgerApprovals.history(ledger, "production-us-east-2", Optional.of(RULE), releaseJobsOnly);
        ApprovalHistory unrestricted = LedgerApprovals.history(ledger, "production-us-east-2", Optional.of(RULE));

        assertThat(trusted.events()).isEmpty();
        assertThat(trusted.successes()).isEmpty();
        assertThat(unrestricted.events()).hasSize(1);
        assertThat(unrestricted.successes()).hasSize(1);
        assertThat(ledger.read("production-us-east-2")
                        .approvals(staging.release().id()))
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry(LedgerApprovals.JOB, "attacker")
                        .containsEntry(LedgerApprovals.BUILD, "1"));
    }

    private static LoadedManifest load(String example) {
        return new ManifestLoader().load(Fixtures.example(example));
    }
}
