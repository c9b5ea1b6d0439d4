package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy that needs approvals from two groups at once, as approvers and the person running see it. */
class ApprovalGroupsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aReleaseRunsOnceEveryGroupHasApprovedAndNotBefore() throws Exception {
        String manifest = Files.writeString(
                        dir.resolve("m.yaml"),
                        Fixtures.productionManifest(
                                Fixtures.portalDeployment("3e1bfbd23a381c770cac57e56fb08d66c00b77ee")))
                .toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            approvalGroups:
                              - name: security
                                approvers:
                                  groups: [security]
                              - name: release leads
                                approvers:
                                  groups: [release-leads]
                                requiredApprovals: 2
                        """).toString();
        String ledger = dir.resolve("ledger").toString();
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();

        for (String[] approver : new String[][] {{"bob", "release-leads"}, {"carol", "release-leads,security"}}) {
            CliResult approve = CliResult.run(
                    "approve",
                    manifest,
                    "--ledger",
                    ledger,
                    "--policy",
                    policy,
                    "--as",
                    approver[0],
                    "--groups",
                    approver[1]);
            assertThat(approve.exit()).as(approve.toString()).isZero();
        }
        CliResult waiting = CliResult.run(
                "run", manifest, "--ledger", ledger, "--handlers", handlers, "--policy", policy, "--actor", "alice");
        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(waiting.out())
                .as("carol counts once, where she is needed; release leads still lack one")
                .contains("It needs 1 more approval (2 required) for 'release leads' from a member of release-leads");
        assertThat(CliResult.run(
                                "approve",
                                manifest,
                                "--ledger",
                                ledger,
                                "--policy",
                                policy,
                                "--as",
                                "dana",
                                "--groups",
                                "release-leads")
                        .exit())
                .isZero();

        CliResult ran = CliResult.run(
                "run", manifest, "--ledger", ledger, "--handlers", handlers, "--policy", policy, "--actor", "alice");

        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("3 of 3 required: security: carol; release leads: bob and dana");
    }
}
