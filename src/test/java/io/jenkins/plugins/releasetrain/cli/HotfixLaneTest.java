package io.jenkins.plugins.releasetrain.cli;

import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.releasetrain.gitops.ReviewBranch;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hotfix lane: an urgent fix straight to production, past the promotion order, with the lane's own approvers;
 * recorded and shown as a hotfix until staging has it; then written back into staging's manifest in git.
 */
class HotfixLaneTest {

    private static final String RELEASED = "3e1bfbd23a381c770cac57e56fb08d66c00b77ee";
    private static final String FIX = "b4522e8ffe7162d01bfe7637ab7412fee919d2a5";
    private static final String PRODUCTION = "production-us-east-2";
    private static final String STAGING = "staging-us-east-2";

    @TempDir
    Path dir;

    @Test
    void aHotfixSkipsThePromotionOrderWithItsOwnApproversAndIsShownUntilStagingHasIt() throws Exception {
        String ledger = dir.resolve("ledger").toString();
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            requires: [staging-*]
                            approvers:
                              users: [bob, carol]
                            requiredApprovals: 1
                            hotfix:
                              approvers:
                                users: [sam]
                        """).toString();
        String staging = write("staging.yaml", staging(RELEASED));
        String production = write("production.yaml", production(RELEASED));
        String hotfix = write("hotfix.yaml", production(FIX));
        assertThat(CliResult.run("run", staging, "--ledger", ledger, "--handlers", handlers)
                        .exit())
                .isZero();
        approve(production, policy, ledger, "bob", false);
        assertThat(run(production, policy, ledger, handlers, false).exit()).isZero();

        CliResult inOrder = run(hotfix, policy, ledger, handlers, false);
        assertThat(inOrder.exit()).as(inOrder.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(inOrder.out() + inOrder.err()).contains("staging-*");
        CliResult waiting = run(hotfix, policy, ledger, handlers, true);
        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(waiting.out())
                .contains("rule 'production (hotfix lane)'")
                .contains("1 approval (1 required) from sam");
        assertThat(approve(hotfix, policy, ledger, "bob", true).exit())
                .as("bob approves releases, not hotfixes")
                .isEqualTo(ExitCode.FAILED);
        assertThat(approve(hotfix, policy, ledger, "sam", true).exit()).isZero();

        CliResult fixed = run(hotfix, policy, ledger, handlers, true);

        assertThat(fixed.exit()).as(fixed.toString()).isZero();
        assertThat(fixed.out()).contains("approved by sam (1 of 1 required)");
        assertThat(CliResult.run("history", PRODUCTION, "--ledger", ledger).out())
                .contains("succeeded, hotfix");
        JsonNode latest = CliResult.run("history", PRODUCTION, "--ledger", ledger, "--format", "json")
                .json()
                .get("runs")
                .get(0);
        assertThat(latest.get("hotfix").asBoolean()).isTrue();
        JsonNode cell = portalCell(
                CliResult.run("board", "--ledger", ledger, "--format", "json").json(), 1);
        assertThat(cell.get("hotfix").asBoolean()).isTrue();
        assertThat(cell.get("driftFrom").asText()).as("not yet in staging").isEqualTo(STAGING);
        assertThat(CliResult.run("record", PRODUCTION, "--latest", "--ledger", ledger)
                        .json()
                        .get("hotfix")
                        .asBoolean())
                .isTrue();

        // Reintegration: staging's manifest in git gets the hotfixed commit, and nothing else.
        Path bare = dir.resolve("releases.git");
        try (TestRepository work = TestRepository.init(dir.resolve("work"))) {
            work.commit(
                    "the manifests",
                    ALICE,
                    Map.of(
                            "releases/" + STAGING + ".yaml",
                            staging(RELEASED),
                            "releases/" + PRODUCTION + ".yaml",
                            production(FIX)));
            work.pushTo(bare);
        }
        CliResult reintegrated = CliResult.run(
                "promote",
                "--repo",
                bare.toString(),
                "--from",
                PRODUCTION,
                "--to",
                STAGING,
                "--reintegrate",
                ledger,
                "--author",
                "Sam Fixer <sam@example.com>",
                "--push",
                "--cache",
                dir.resolve("cache").toString());
        assertThat(reintegrated.exit()).as(reintegrated.toString()).isZero();
        assertThat(ReviewBranch.in(bare, false).file("releases/" + STAGING + ".yaml"))
                .isEqualTo(staging(FIX));

        // Once staging runs the fix, the board no longer calls production's portal a hotfix ahead of it.
        assertThat(CliResult.run(
                                "run", write("staging2.yaml", staging(FIX)), "--ledger", ledger, "--handlers", handlers)
                        .exit())
                .isZero();
        JsonNode after = portalCell(
                CliResult.run("board", "--ledger", ledger, "--format", "json").json(), 1);
        assertThat(after.get("driftFrom").isNull()).isTrue();
    }

    @Test
    void aRegularReleaseThatWouldDropAHotfixIsRefusedWithTheCommitsItWouldDrop() throws Exception {
        // The portal's history: released A; the hotfix H on top of A; main went on to B without H; M merges H.
        Path source = dir.resolve("public-portal");
        String a;
        String h;
        String b;
        String m;
        try (TestRepository portal = TestRepository.init(source)) {
            a = portal.commit("Portal 1.9", ALICE, Map.of("app.js", "v1")).name();
            portal.branch("hotfix");
            portal.checkout("hotfix");
            h = portal.commit("Fix checkout totals (CHK-7)", ALICE, Map.of("fix.js", "fixed"))
                    .name();
            portal.checkout("main");
            b = portal.commit("Portal 1.10 features", ALICE, Map.of("app.js", "v2"))
                    .name();
            m = portal.merge("hotfix", ALICE, "Merge the checkout fix").name();
        }
        String ledger = dir.resolve("ledger").toString();
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            hotfix:
                              approvers:
                                users: [sam]
                        """).toString();
        String repo = "public-portal=" + source;
        assertThat(run(write("a.yaml", production(a)), policy, ledger, handlers, false)
                        .exit())
                .isZero();
        String fix = write("h.yaml", production(h));
        assertThat(approve(fix, policy, ledger, "sam", true).exit()).isZero();
        assertThat(run(fix, policy, ledger, handlers, true).exit()).isZero();

        String withoutFix = write("b.yaml", production(b));
        CliResult refused = CliResult.run(
                "run", withoutFix, "--ledger", ledger, "--handlers", handlers, "--policy", policy, "--repo-url", repo);

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(refused.err())
                .contains("product1/deploy/portal: the release's " + b.substring(0, 12)
                        + " does not contain the hotfix (the histories diverged) live as " + h.substring(0, 12))
                .contains("drops " + h.substring(0, 12) + "  Fix checkout totals (CHK-7)")
                .contains("pass --drop-hotfix REASON");
        CliResult blind =
                CliResult.run("run", withoutFix, "--ledger", ledger, "--handlers", handlers, "--policy", policy);
        assertThat(blind.exit())
                .as("without repositories nobody can tell: refused")
                .isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(blind.err()).contains("cannot be checked against the hotfix (no repository is configured)");

        CliResult merged = CliResult.run(
                "run",
                write("m.yaml", production(m)),
                "--ledger",
                ledger,
                "--handlers",
                handlers,
                "--policy",
                policy,
                "--repo-url",
                repo,
                "--dry-run");
        assertThat(merged.exit())
                .as("a release that contains the fix goes: " + merged)
                .isZero();

        CliResult meant = CliResult.run(
                "run",
                withoutFix,
                "--ledger",
                ledger,
                "--handlers",
                handlers,
                "--policy",
                policy,
                "--repo-url",
                repo,
                "--drop-hotfix",
                "the fix is redone differently in 1.10");
        assertThat(meant.exit()).as(meant.toString()).isZero();
        JsonNode record = CliResult.run("record", PRODUCTION, "--latest", "--ledger", ledger)
                .json();
        assertThat(record.get("origin").toString())
                .contains("the fix is redone differently in 1.10")
                .contains("product1/deploy/portal");
    }

    @Test
    void droppingAHotfixCountsOnlyApprovalsGivenKnowingIt() throws Exception {
        String ledger = dir.resolve("ledger").toString();
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            approvers:
                              users: [bob]
                            requiredApprovals: 1
                            hotfix:
                              approvers:
                                users: [sam]
                        """).toString();
        String first = write("a.yaml", production("4f545ec8f09c81ac645926f755ba13f46434f636"));
        assertThat(approve(first, policy, ledger, "bob", false).exit()).isZero();
        assertThat(run(first, policy, ledger, handlers, false).exit()).isZero();
        String fix = write("h.yaml", production("5f545ec8f09c81ac645926f755ba13f46434f636"));
        assertThat(approve(fix, policy, ledger, "sam", true).exit()).isZero();
        assertThat(run(fix, policy, ledger, handlers, true).exit()).isZero();
        String next = write("b.yaml", production("6f545ec8f09c81ac645926f755ba13f46434f636"));
        // bob approved the next release's content before anyone said it drops the hotfix.
        assertThat(approve(next, policy, ledger, "bob", false).exit()).isZero();

        CliResult unacknowledged = dropping(next, policy, ledger, handlers);

        assertThat(unacknowledged.exit()).as(unacknowledged.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(unacknowledged.out() + unacknowledged.err())
                .contains("bob's approval of")
                .contains("does not count: this release takes the live hotfix away from product1/deploy/portal,"
                        + " and the approval was not given for that");
        CliResult knowing =
                CliResult.run("approve", next, "--ledger", ledger, "--policy", policy, "--as", "bob", "--drop-hotfix");
        assertThat(knowing.exit()).as(knowing.toString()).isZero();
        CliResult ran = dropping(next, policy, ledger, handlers);
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(CliResult.run("history", PRODUCTION, "--ledger", ledger).out())
                .doesNotContain("hotfix · ");
    }

    private static CliResult dropping(String manifest, String policy, String ledger, String handlers) {
        return run(manifest, policy, ledger, handlers, false, "--drop-hotfix", "the fix is redone differently");
    }

    @Test
    void aRuleWithoutAHotfixLaneRefusesAHotfix() throws Exception {
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            requires: [staging-*]
                        """).toString();
        CliResult refused = run(
                write("hotfix.yaml", production(FIX)),
                policy,
                dir.resolve("ledger").toString(),
                Fixtures.projectRoot().resolve("examples/handlers").toString(),
                true);
        assertThat(refused.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(refused.err()).contains("rule 'production' has no hotfix lane for " + PRODUCTION);
        CliResult noPolicy = CliResult.run(
                "run",
                write("h.yaml", production(FIX)),
                "--ledger",
                dir.resolve("l2").toString(),
                "--handlers",
                Fixtures.projectRoot().resolve("examples/handlers").toString(),
                "--hotfix");
        assertThat(noPolicy.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(noPolicy.err()).contains("--hotfix needs --policy");
    }

    private static JsonNode portalCell(JsonNode board, int environment) {
        for (JsonNode artifact : board.get("products").get(0).get("artifacts")) {
            if (artifact.get("id").asText().equals("product1/deploy/portal")) {
                return artifact.get("cells").get(environment);
            }
        }
        throw new AssertionError("no portal row in " + board);
    }

    private static CliResult run(
            String manifest, String policy, String ledger, String handlers, boolean hotfix, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "run", manifest, "--ledger", ledger, "--handlers", handlers, "--policy", policy, "--actor", "alice"));
        args.addAll(List.of(more));
        return CliResult.run(withHotfix(hotfix, args.toArray(String[]::new)));
    }

    private static CliResult approve(String manifest, String policy, String ledger, String who, boolean hotfix) {
        return CliResult.run(
                withHotfix(hotfix, "approve", manifest, "--ledger", ledger, "--policy", policy, "--as", who));
    }

    private static String[] withHotfix(boolean hotfix, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (hotfix) {
            all.add("--hotfix");
        }
        return all.toArray(String[]::new);
    }

    private String write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static String production(String commit) {
        return Fixtures.productionManifest(Fixtures.portalDeployment(commit));
    }

    private static String staging(String commit) {
        return production(commit)
                .replace("name: production-us-east-2", "name: staging-us-east-2")
                .replace("shortName: prod-us", "shortName: stage-us")
                .replace("destinationTagPrefix: prod_us", "destinationTagPrefix: stage_us");
    }
}
