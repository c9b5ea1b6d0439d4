package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerEntry;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approve, reject and approvals, run as a release lead runs them, against a real ledger directory. */
class ApprovalCommandsTest {

    private static final String PRODUCTION =
            Fixtures.example("production-us-east-2.yaml").toString();
    private static final String POLICY = """
            rules:
              - name: production
                environments: [production-*]
                approvers:
                  groups: [release-leads]
                requiredApprovals: 2
                approvalExpiry: PT24H
            """;

    @TempDir
    Path dir;

    private String ledger;
    private String policy;

    @BeforeEach
    void writePolicy() throws IOException {
        ledger = dir.resolve("ledger").toString();
        policy = Files.writeString(dir.resolve("policy.yaml"), POLICY).toString();
    }

    @Test
    void twoDistinctLeadsApproveAndTheReleaseMayRun() {
        CliResult before = approvals();
        assertThat(before.exit()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(before.out())
                .contains("Approvals for production-us-east-2  release f97f0f959fe0 from " + PRODUCTION + ", rule"
                        + " 'production'")
                .contains("It needs 2 approvals (2 required) from a member of release-leads.");

        CliResult bob = approve("bob", "--groups", "release-leads,developers", "--comment", "canary is green");
        assertThat(bob.exit()).isEqualTo(ExitCode.OK);
        assertThat(bob.out())
                .startsWith("recorded  bob approved at ")
                .contains(": \"canary is green\".")
                .contains("It needs 1 more approval (2 required) from a member of release-leads; given so far by"
                        + " bob.");

        CliResult again = approve("BOB", "--groups", "release-leads");
        assertThat(again.exit()).isEqualTo(ExitCode.OK);
        assertThat(again.out()).startsWith("recorded (no change)  BOB approved again at ");

        CliResult dana = approve("dana", "--groups", "release-leads");
        assertThat(dana.exit()).isEqualTo(ExitCode.OK);
        assertThat(dana.out())
                .contains("Release f97f0f959fe0 may run in production-us-east-2 (rule 'production'): approved by bob"
                        + " and dana (2 of 2 required).");

        CliResult after = approvals();
        assertThat(after.exit()).isEqualTo(ExitCode.OK);
        assertThat(after.out())
                .contains("ACTOR  ACTION   STANDING   WHY")
                .contains("bob    approve  counts     bob approved at ")
                .contains("BOB    approve  duplicate  BOB approved again at ")
                .contains("dana   approve  counts     dana approved at ");

        List<ApprovalRecorded> recorded = approvalsInLedger();
        assertThat(recorded).extracting(ApprovalRecorded::actor).containsExactly("bob", "BOB", "dana");
        assertThat(recorded.get(0).groups()).containsExactly("release-leads");
        assertThat(recorded.get(0).decision()).isEqualTo(ApprovalDecision.APPROVED);
        assertThat(recorded.get(0).details())
                .containsEntry("rule", "production")
                .containsEntry("action", "approve");
    }

    @Test
    void anAuthorsApprovalIsRefusedAndNotRecorded() {
        CliResult alice = approve("alice", "--groups", "release-leads", "--author", "alice@example.com");
        assertThat(alice.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(alice.out())
                .startsWith("not recorded  alice cannot approve: alice authored this release (as alice@example.com).");
        CliResult outsider = approve("mallory");
        assertThat(outsider.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(outsider.out())
                .contains("mallory cannot approve in production-us-east-2: only a member of release-leads can.");
        assertThat(approvalsInLedger()).isEmpty();
    }

    @Test
    void aRejectionStopsTheReleaseUntilItChanges() {
        approve("bob", "--groups", "release-leads");
        approve("dana", "--groups", "release-leads");
        CliResult erin = CliResult.run(
                "reject",
                PRODUCTION,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "erin",
                "--groups",
                "release-leads",
                "--comment",
                "breaks checkout");
        assertThat(erin.exit()).isEqualTo(ExitCode.OK);
        assertThat(erin.out())
                .contains("erin rejected it at ")
                .contains("A rejection stands until the manifest changes");
        assertThat(approvals().exit()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(approvalsInLedger())
                .extracting(ApprovalRecorded::decision)
                .containsExactly(ApprovalDecision.APPROVED, ApprovalDecision.APPROVED, ApprovalDecision.REJECTED);
    }

    @Test
    void aRejectionNeedsAReason() {
        CliResult run = CliResult.run(
                "reject",
                PRODUCTION,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "erin",
                "--groups",
                "release-leads");
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("a rejection needs --comment saying why");
    }

    @Test
    void aBypassIsRefusedWhereTheRuleDoesNotAllowIt() {
        CliResult run = approve("root", "--admin", "--bypass", "--comment", "incident 7");
        assertThat(run.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("root cannot bypass rule 'production': it does not allow administrators");
        CliResult both = approve("root", "--admin", "--bypass", "--emergency-override");
        assertThat(both.exit()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void reportsStatusAsJsonForMachines() throws IOException {
        approve("bob", "--groups", "release-leads");
        CliResult run =
                CliResult.run("approvals", "--format", "json", PRODUCTION, "--ledger", ledger, "--policy", policy);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exit()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(json.get("decision").asText()).isEqualTo("needs-approvals");
        assertThat(json.get("missing").asInt()).isEqualTo(1);
        assertThat(json.get("shortfalls").get(0).get("groups").get(0).asText()).isEqualTo("release-leads");
        assertThat(json.get("judgements").get(0).get("actor").asText()).isEqualTo("bob");
        assertThat(json.get("judgements").get(0).get("standing").asText()).isEqualTo("counts");
    }

    @Test
    void anInvalidPolicyIsReportedAtItsLineAndNothingIsRecorded() throws IOException {
        Files.writeString(Path.of(policy), POLICY.replace("requiredApprovals: 2", "requiredApproval: 2"));
        CliResult run = approve("bob", "--groups", "release-leads");
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err())
                .contains(policy + ":6:5: error: unknown key 'requiredApproval' in a rule")
                .contains("hint: did you mean 'requiredApprovals'?");
        assertThat(Files.exists(Path.of(ledger))).isFalse();
    }

    @Test
    void anUnprotectedEnvironmentNeedsNoApproval() {
        CliResult run = CliResult.run(
                "approvals",
                Fixtures.example("staging-us-east-2.yaml").toString(),
                "--ledger",
                ledger,
                "--policy",
                policy);
        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("No rule protects staging-us-east-2");
    }

    @Test
    void findsTheAuthorsInTheManifestsGitHistory() throws IOException {
        String text = Fixtures.exampleText("production-us-east-2.yaml");
        String released;
        try (TestRepository git = TestRepository.init(dir.resolve("infra"))) {
            git.commit("production: rc1", TestRepository.BOB, Map.of("releases/production-us-east-2.yaml", text));
            git.tag("v1");
            released = git.commit(
                            "production: rc2",
                            TestRepository.ALICE,
                            Map.of(
                                    "releases/production-us-east-2.yaml",
                                    text.replace("releaseCandidate: 1", "releaseCandidate: 2")))
                    .getName();
        }
        String manifest =
                dir.resolve("infra/releases/production-us-east-2.yaml").toString();
        CliResult alice = CliResult.run(
                "approve",
                manifest,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "alice",
                "--groups",
                "release-leads",
                "--authors-since",
                "v1");
        assertThat(alice.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(alice.out())
                .startsWith("not recorded  alice cannot approve: alice authored this release (commit "
                        + released.substring(0, 12) + ", as alice@example.com).");
        CliResult bob = CliResult.run(
                "approve",
                manifest,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "bob",
                "--groups",
                "release-leads",
                "--authors-since",
                "v1");
        assertThat(bob.exit()).isEqualTo(ExitCode.OK);
        CliResult unknown =
                CliResult.run("approvals", manifest, "--ledger", ledger, "--policy", policy, "--authors-since", "v9");
        assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(unknown.err()).contains("release-train: --authors-since: ").contains("v9");
        Path loose = Files.writeString(dir.resolve("production-us-east-2.yaml"), text);
        CliResult outside = CliResult.run(
                "approvals", loose.toString(), "--ledger", ledger, "--policy", policy, "--authors-since", "v1");
        assertThat(outside.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(outside.err()).contains("is not in a git repository");
    }

    @Test
    void aReleaseApprovedOrRejectedFromTheCommandLineShowsInHistoryAndOnTheBoardBeforeItRuns() {
        assertThat(approve("bob", "--groups", "release-leads").exit()).isEqualTo(ExitCode.OK);

        CliResult history = CliResult.run("history", "production-us-east-2", "--ledger", ledger);

        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out())
                .contains("awaiting approval  release f97f0f959fe0: approved so far by bob; not run yet");
        JsonNode waiting = board().get("environments").get(0).get("pendingApprovals");
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("approvedBy").get(0).asText()).isEqualTo("bob");

        CliResult rejected = CliResult.run(
                "reject",
                PRODUCTION,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--as",
                "carol",
                "--groups",
                "release-leads",
                "--comment",
                "the canary is red");
        assertThat(rejected.exit()).as(rejected.toString()).isZero();
        CliResult after = CliResult.run("history", "production-us-east-2", "--ledger", ledger, "--format", "json");
        JsonNode asked = after.json().get("awaitingDecision").get(0);
        assertThat(asked.get("status").asText()).isEqualTo("rejected");
        assertThat(asked.get("rejection").get("actor").asText()).isEqualTo("carol");
        assertThat(CliResult.run("history", "production-us-east-2", "--ledger", ledger)
                        .out())
                .contains("rejected  release f97f0f959fe0 by carol at ")
                .contains("\"the canary is red\"; it cannot run until its manifest changes");
        assertThat(board().get("environments").get(0).get("pendingApprovals"))
                .singleElement()
                .as("a rejected release is listed with its rejection, and does not wait")
                .satisfies(approval -> assertThat(approval.get("rejection").asText())
                        .startsWith("carol at ")
                        .endsWith(": the canary is red"));
        assertThat(board().get("summary").get("pendingApprovals").asInt()).isZero();
    }

    @Test
    void aRunRefusedForWantOfApprovalsIsRecordedAsWaitingAndShowsBeforeAnyoneApproves() {
        CliResult run = CliResult.run(
                "run",
                PRODUCTION,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--actor",
                "dave",
                "--handlers",
                Fixtures.projectRoot().resolve("examples/handlers").toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);

        CliResult history = CliResult.run("history", "production-us-east-2", "--ledger", ledger);
        JsonNode waiting = board().get("environments").get(0).get("pendingApprovals");

        assertThat(history.out())
                .contains("awaiting approval  release f97f0f959fe0: no approval yet; asked to run by dave at ")
                .contains("runs 0-0 of 0");
        assertThat(waiting)
                .singleElement()
                .satisfies(approval -> assertThat(approval.get("approvedBy")).isEmpty());
        assertThat(Ledger.open(Path.of(ledger)).read("production-us-east-2").runs())
                .as("nothing ran")
                .isEmpty();
    }

    /** The board of the ledger as JSON; the command must succeed. */
    private JsonNode board() {
        CliResult board = CliResult.run("board", "--ledger", ledger, "--format", "json");
        assertThat(board.exit()).as(board.toString()).isZero();
        return board.json();
    }

    private CliResult approvals() {
        return CliResult.run("approvals", PRODUCTION, "--ledger", ledger, "--policy", policy);
    }

    private CliResult approve(String user, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("approve", PRODUCTION, "--ledger", ledger, "--policy", policy, "--as", user));
        args.addAll(List.of(more));
        return CliResult.run(args.toArray(String[]::new));
    }

    private List<ApprovalRecorded> approvalsInLedger() {
        return Ledger.open(Path.of(ledger)).read("production-us-east-2").entries().stream()
                .map(LedgerEntry::record)
                .filter(ApprovalRecorded.class::isInstance)
                .map(ApprovalRecorded.class::cast)
                .toList();
    }

    @Test
    void rejectAndApprovalsHelpSayWhatTheManifestIsAndThatRejectNeedsAComment() {
        CliResult reject = CliResult.run("reject", "--help");
        CliResult approvals = CliResult.run("approvals", "--help");

        // help wraps its lines: compare the words
        assertThat(reject.out().replaceAll("\\s+", " "))
                .doesNotContain("to approve")
                .contains("Required for reject.");
        assertThat(approvals.out().replaceAll("\\s+", " "))
                .doesNotContain("to approve")
                .contains("the release this is about");
    }
}
