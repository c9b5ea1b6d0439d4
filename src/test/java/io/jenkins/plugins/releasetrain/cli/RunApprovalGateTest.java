package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --policy}: nothing runs until the release's environment allows it. */
class RunApprovalGateTest {

    private static final String STAGING =
            Fixtures.example("staging-us-east-2.yaml").toString();
    private static final String HANDLERS =
            Fixtures.projectRoot().resolve("examples/handlers").toString();

    @TempDir
    Path dir;

    private String ledger;
    private String policy;

    @BeforeEach
    void writePolicy() throws IOException {
        ledger = dir.resolve("ledger").toString();
        policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: staging
                            environments: [staging-*]
                            approvers: {groups: [release-leads]}
                            requiredApprovals: 1
                        """).toString();
    }

    @Test
    void waitsWithExitThreeAndRunsOnceApprovedBySomeoneElse() {
        CliResult waiting = run("carol");
        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(waiting.out())
                .contains("cannot run in staging-us-east-2 yet (rule 'staging'). It needs 1 approval (1 required)"
                        + " from a member of release-leads; not by carol (started this release).");
        assertThat(waiting.err()).contains("awaiting approval: nothing ran");
        assertThat(Ledger.open(Path.of(ledger)).read("staging-us-east-2").runs())
                .isEmpty();

        CliResult bob = CliResult.run(
                "approve", STAGING, "--ledger", ledger, "--policy", policy, "--as", "bob", "--groups", "release-leads");
        assertThat(bob.exit()).as(bob.toString()).isEqualTo(ExitCode.OK);
        assertThat(bob.err())
                .as("said at approval time, not only when bob runs it")
                .contains("note: if bob starts this release (release-train run --actor bob), this approval stops"
                        + " counting");

        CliResult byBob = run("bob");
        assertThat(byBob.exit()).as(byBob.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(byBob.out()).contains("bob cannot approve: bob started this release.");

        CliResult byCarol = run("carol");
        assertThat(byCarol.exit()).as(byCarol.toString()).isEqualTo(ExitCode.OK);
        assertThat(byCarol.out())
                .contains("may run in staging-us-east-2 (rule 'staging'): approved by bob (1 of 1 required).")
                .contains("[6/6] succeeded");
        assertThat(Ledger.open(Path.of(ledger)).read("staging-us-east-2").runs())
                .singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("carol"));
    }

    @Test
    void aRejectedReleaseIsNotSentToApprove() {
        CliResult reject = CliResult.run(
                "reject",
                STAGING,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "bob",
                "--groups",
                "release-leads",
                "--comment",
                "breaks checkout");
        assertThat(reject.exit()).as(reject.toString()).isEqualTo(ExitCode.OK);

        CliResult refused = run("carol");

        assertThat(refused.exit()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(refused.err())
                .contains("rejected: nothing ran; a rejection stands until the manifest changes")
                .doesNotContain("see release-train approve");
    }

    @Test
    void aDryRunIsGatedToo() {
        CliResult result = CliResult.run(
                "run", STAGING, "--ledger", ledger, "--handlers", HANDLERS, "--policy", policy, "--dry-run");
        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
    }

    @Test
    void saysWhatIsMissingAsJson() {
        CliResult result = CliResult.run(
                "run",
                STAGING,
                "--ledger",
                ledger,
                "--handlers",
                HANDLERS,
                "--policy",
                policy,
                "--actor",
                "carol",
                "--format",
                "json");
        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(result.json().get("awaitingApproval").asBoolean()).isTrue();
        assertThat(result.json().get("approval").get("decision").asText()).isEqualTo("needs-approvals");
        assertThat(result.json().get("approval").get("missing").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidPolicyRunsNothing() throws IOException {
        Files.writeString(Path.of(policy), "rules:\n  - environments: [staging-*]\n    requiredApprovals: two\n");
        CliResult result = run("carol");
        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err())
                .contains(policy + ":3:24: error: requiredApprovals 'two' is not a whole number")
                .contains("the policy file is invalid; nothing ran");
    }

    @Test
    void withoutAPolicyTheRunIsNotGated() {
        CliResult result = CliResult.run("run", STAGING, "--ledger", ledger, "--handlers", HANDLERS, "--dry-run");
        assertThat(result.exit()).as(result.toString()).isZero();
    }

    private CliResult run(String actor) {
        return CliResult.run(
                "run", STAGING, "--ledger", ledger, "--handlers", HANDLERS, "--policy", policy, "--actor", actor);
    }
}
