package io.jenkins.plugins.releasetrain.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of a run decided after its start was recorded, as Jenkins records one. */
class ReleaseRecordTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final RunId RUN = RunId.forBuild("promote-staging", 7);

    @TempDir
    Path ledgerDirectory;

    @Test
    void theRuleAndDecisionRecordedWithTheRunsEndAreInTheRecordAndTheLedgerReadsThemBack() throws Exception {
        LoadedManifest manifest = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
        PromotionRecords records = new PromotionRecords(RUN, manifest.release(), "carol");
        ProtectionRule rule = ProtectionRule.protecting("staging", "staging-*")
                .withApprovals(1, new Approvers(List.of("bob"), List.of()));
        Decision allowed = new Decision.Allowed(
                "staging-us-east-2",
                manifest.release().id(),
                Optional.of("staging"),
                Decision.Grounds.APPROVED,
                List.of(),
                "approved by bob (1 of 1 required)");
        Ledger ledger = Ledger.open(ledgerDirectory);
        try (EnvironmentLock lock = ledger.lock("staging-us-east-2", RUN, "carol")) {
            lock.append(records.started(manifest, ReleasePlan.of(manifest.release(), Optional.empty()), T0));
            lock.append(records.finished(
                    List.of(ArtifactStatus.SUCCEEDED),
                    false,
                    T0.plusSeconds(30),
                    LedgerApprovals.grounds(allowed, Optional.of(rule))));
        }

        ReleaseRun run = ledger.read("staging-us-east-2").run(RUN).orElseThrow();
        ReleaseRecord record = ReleaseRecord.of(ledger.read("staging-us-east-2"), run);
        JsonNode json = new ObjectMapper().readTree(RecordJson.write(record));

        assertThat(record.grounds()).containsKeys(LedgerApprovals.GROUNDS_RULE, LedgerApprovals.GROUNDS_DECISION);
        assertThat(json.get("rule").get("name").asText()).isEqualTo("staging");
        assertThat(json.get("rule").get("approvers").get("users").get(0).asText())
                .isEqualTo("bob");
        assertThat(json.get("decision").get("decision").asText()).isEqualTo("allowed");
        assertThat(json.get("decision").get("message").asText()).isEqualTo("approved by bob (1 of 1 required)");
        assertThat(json.get("origin").has(LedgerApprovals.GROUNDS_RULE)).isFalse();
        assertThat(RecordHtml.write(record, "x"))
                .contains("Let through under rule <strong>staging</strong> (1"
                        + " required from bob): approved by bob (1 of 1 required)");
        assertThat(run.finished().orElseThrow().details()).isEqualTo(Map.copyOf(record.grounds()));
    }
}
