package io.jenkins.plugins.releasetrain.cli;

import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.gitops.ReviewBranch;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-train show} and {@code release-train promote}, run as a user runs them. */
class GitCommandsTest {

    private static final String STAGING_PATH = "releases/staging-us-east-2.yaml";
    private static final String PRODUCTION_PATH = "releases/production-us-east-2.yaml";
    private static final String STAGING = Fixtures.exampleText("staging-us-east-2.yaml");
    private static final String PRODUCTION = Fixtures.exampleText("production-us-east-2.yaml");

    @TempDir
    Path temp;

    private Path remote;

    private record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void infrastructureRepository() {
        try (TestRepository work = TestRepository.init(temp.resolve("work"))) {
            work.commit(
                    "Add the manifests",
                    ALICE,
                    Map.of(
                            STAGING_PATH,
                            Fixtures.replaceOnce(STAGING, "releaseCandidate: 2", "releaseCandidate: 1"),
                            PRODUCTION_PATH,
                            PRODUCTION));
            work.tag("v1");
            work.commit("staging: 1.9.0-rc2", BOB, Map.of(STAGING_PATH, STAGING));
            remote = work.pushTo(temp.resolve("remote.git"));
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cache");
        all.add(temp.resolve("cache").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReleaseTrainCli.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private String remoteUrl() {
        return remote.toUri().toString();
    }

    @Test
    void aBareRepositoryWhoseHeadNamesAMissingBranchSaysSoAndWhichBranchToRead() throws Exception {
        Path bare = temp.resolve("master-head.git");
        org.eclipse.jgit.api.Git.init()
                .setBare(true)
                .setDirectory(bare.toFile())
                .setInitialBranch("master")
                .call()
                .close();
        try (TestRepository work = TestRepository.init(temp.resolve("work2"))) {
            work.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING));
            work.pushTo(bare);
        }

        Run run = run("show", "--repo", bare.toString(), "--path", STAGING_PATH);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err())
                .contains("names the branch 'master', which does not exist")
                .contains("name a branch to read instead, such as main");
    }

    @Test
    void promotingIntoALocalBareRepositoryLeavesTheBranchThereAndAsksForNoPush() {
        Run run = run(
                "promote",
                "--repo",
                remote.toString(),
                "--from",
                "staging-us-east-2",
                "--to",
                "production-us-east-2",
                "--push");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("of the bare repository")
                .contains("the branch is there already, nothing to push")
                .doesNotContain("git push");
        assertThat(run.err()).doesNotContain("no remote named");
    }

    @Test
    void showsTheManifestAtATagAndItsPlanAndAuthorsAgainstTheDeployedTag() {
        Run run = run("show", "--repo", remoteUrl(), "--ref", "main", "--path", STAGING_PATH, "--deployed-at", "v1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(STAGING_PATH + " at main (commit ")
                .contains("product1/deploy/cf-edge-s3")
                .contains("Plan against v1")
                .contains("product1  changed  1.9.0-rc1 -> 1.9.0-rc2")
                .contains("Changed since v1 by: Bob Builder <bob@example.com>")
                .contains("staging: 1.9.0-rc2");
    }

    @Test
    void reportsAnUnknownRefAsInvalidInput() {
        Run run = run("show", "--repo", remoteUrl(), "--ref", "v2", "--path", STAGING_PATH);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err())
                .contains("release-train: no branch, tag or commit 'v2' in " + remoteUrl())
                .contains("hint: did you mean 'v1'?");
    }

    @Test
    void neverPrintsAPasswordWrittenIntoTheRepositoryUrl() {
        Run run = run("show", "--repo", "http://deployer:Sup3r-secret@127.0.0.1:1/infra.git", "--path", STAGING_PATH);

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out() + run.err()).doesNotContain("Sup3r-secret");
        assertThat(run.err())
                .contains("warning: credentials written into --repo")
                .contains("http://deployer:****@127.0.0.1:1/infra.git");
    }

    @Test
    void showsTheDiffOfADryRunAndCommitsNothing() throws IOException {
        Run run = run(
                "promote",
                "--repo",
                remoteUrl(),
                "--from",
                "staging-us-east-2",
                "--to",
                "production-us-east-2",
                "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Promoting staging-us-east-2 into production-us-east-2 on main")
                .contains("--- a/" + PRODUCTION_PATH)
                .contains("-    releaseCandidate: 1\n+    releaseCandidate: 2")
                .contains("dry run: nothing committed");
        assertThat(remoteBranches()).containsExactly("refs/heads/main");
    }

    @Test
    void pushesThePromotionToAReviewBranch() throws IOException {
        Run run = run(
                "promote",
                "--repo",
                remoteUrl(),
                "--from",
                "staging-us-east-2",
                "--to",
                "production-us-east-2",
                "--artifacts",
                "product1/image/product1/microservice-2",
                "--push",
                "--author",
                "Dave Merger <dave@example.com>",
                "--approved-by",
                "alice",
                "--format",
                "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        String branch = result.path("pushed").path("branch").asText();
        assertThat(branch).startsWith("release-train/production-us-east-2-");
        assertThat(result.path("artifacts")).hasSize(1);
        assertThat(result.path("notes").get(0).asText()).contains("product1 stays at 1.9.0-rc1");
        assertThat(result.path("diff").asText()).contains("+        sourceTag: dev_456");
        assertThat(remoteBranches()).containsExactly("refs/heads/main", "refs/heads/" + branch);
    }

    @Test
    void refusesToPushToAProtectedBranch() throws IOException {
        Run run = run(
                "promote",
                "--repo",
                remoteUrl(),
                "--from",
                "staging-us-east-2",
                "--to",
                "production-us-east-2",
                "--branch",
                "main",
                "--push",
                "--author",
                "Dave <dave@example.com>");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err())
                .contains("refusing to commit to the protected branch 'main'")
                .contains("--allow-protected");
        assertThat(remoteBranches()).containsExactly("refs/heads/main");
    }

    @Test
    void leavesARemoteRepositoryAloneWithoutPush() throws IOException {
        Run run = run("promote", "--repo", remoteUrl(), "--from", "staging-us-east-2", "--to", "production-us-east-2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nothing committed: a remote repository only changes by pushing; add --push");
        assertThat(remoteBranches()).containsExactly("refs/heads/main");
    }

    @Test
    void aPromotionWithChangesCarriesTheCommitsItPromotesInItsMessage() throws Exception {
        Path sources = temp.resolve("sources");
        String live;
        String next;
        try (TestRepository resources = TestRepository.init(temp.resolve("src/private-resources"))) {
            live = resources.commit("Resources 1", ALICE, Map.of("r", "1")).name();
            resources.commit("RES-9 compress the icons (#77)", BOB, Map.of("r", "2"));
            next = resources.commit("Resources 2", BOB, Map.of("r", "3")).name();
            resources.pushTo(sources.resolve("private-resources.git"));
        }
        Path infra = temp.resolve("infra");
        try (TestRepository work = TestRepository.init(infra)) {
            work.commit(
                    "Manifests with real commits",
                    ALICE,
                    Map.of(
                            STAGING_PATH,
                            STAGING.replace("4f545ec8f09c81ac645926f755ba13f46434f636", next),
                            PRODUCTION_PATH,
                            PRODUCTION.replace("3e1bfbd23a381c770cac57e56fb08d66c00b77ee", live)));
        }

        Run run = run(
                "promote",
                "--repo",
                infra.toString(),
                "--from",
                "staging-us-east-2",
                "--to",
                "production-us-east-2",
                "--artifacts",
                "product1/deploy/resources",
                "--author",
                "Dave Merger <dave@example.com>",
                "--changes",
                "--repo-url-template",
                sources.toUri() + "{gitRepoName}.git");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("product1/deploy/resources  " + live.substring(0, 12) + " -> " + next.substring(0, 12)
                        + "  2 commits");
        String message = ReviewBranch.in(infra, true).message();
        assertThat(message)
                .contains("Changes\n  product1/deploy/resources  " + live.substring(0, 12))
                .contains("Bob Builder  RES-9 compress the icons (#77)  [#77 RES-9]")
                .doesNotContain("\u001b");
        assertThat(message.strip().lines().reduce((a, b) -> b).orElseThrow())
                .as("the trailers stay last")
                .startsWith("Release-Id: ");
    }

    @Test
    void afterARollbackPromoteFromTheLedgerCommitsTheManifestThatRunsBackOnAReviewBranch() throws Exception {
        String older = Fixtures.productionManifest(
                "# as released in October\n" + Fixtures.portalDeployment("3e1bfbd23a381c770cac57e56fb08d66c00b77ee"));
        String newer =
                Fixtures.productionManifest(Fixtures.portalDeployment("b4522e8ffe7162d01bfe7637ab7412fee919d2a5"));
        Path work = temp.resolve("rollback-work");
        Path bare = temp.resolve("rollback.git");
        try (TestRepository repository = TestRepository.init(work)) {
            repository.commit("production: the portal as in October", ALICE, Map.of(PRODUCTION_PATH, older));
            repository.commit("production: the new portal", BOB, Map.of(PRODUCTION_PATH, newer));
            repository.pushTo(bare);
        }
        String ledger = temp.resolve("ledger").toString();
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();
        for (String text : List.of(older, newer)) {
            Path manifest = java.nio.file.Files.writeString(temp.resolve("m.yaml"), text);
            assertThat(CliResult.run("run", manifest.toString(), "--ledger", ledger, "--handlers", handlers)
                            .exit())
                    .isZero();
        }
        CliResult rollback =
                CliResult.run("rollback", "production-us-east-2", "--ledger", ledger, "--handlers", handlers);
        assertThat(rollback.exit()).as(rollback.toString()).isZero();

        CliResult board =
                CliResult.run("board", "--ledger", ledger, "--manifests-repo", bare.toString(), "--format", "json");
        assertThat(board.exit()).as(board.toString()).isZero();
        assertThat(board.json().get("environments").get(0).get("gitDrift").asText())
                .isEqualTo("git (main:" + PRODUCTION_PATH + ") declares release "
                        + new io.jenkins.plugins.releasetrain.manifest.ManifestLoader()
                                .load("newer", newer)
                                .release()
                                .id()
                                .shortForm()
                        + ", not what runs: 1 artifact differs: product1/deploy/portal (git b4522e8ffe71, live"
                        + " 3e1bfbd23a38)");

        Run dry = run(
                "promote",
                "--repo",
                bare.toString(),
                "--from-ledger",
                ledger,
                "--to",
                "production-us-east-2",
                "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("Matching production-us-east-2 to what runs there")
                .contains("-        gitCommit: b4522e8ffe7162d01bfe7637ab7412fee919d2a5")
                .contains("+        gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee")
                .contains("dry run: nothing committed");
        Run committed = run(
                "promote",
                "--repo",
                bare.toString(),
                "--from-ledger",
                ledger,
                "--to",
                "production-us-east-2",
                "--author",
                "Dave Merger <dave@example.com>",
                "--push");

        assertThat(committed.exitCode()).as(committed.err()).isZero();
        ReviewBranch review = ReviewBranch.in(bare, false);
        assertThat(review.message())
                .startsWith("Match production-us-east-2 to what runs there: 1 artifact")
                .contains("- product1/deploy/portal: changed gitCommit b4522e8ffe71 -> 3e1bfbd23a38")
                .contains("rollback to run ");
        assertThat(review.name()).startsWith("refs/heads/release-train/production-us-east-2-");
        assertThat(review.file(PRODUCTION_PATH))
                .as("the file as it ran, comment included")
                .isEqualTo(older);
        Run again = run(
                "promote",
                "--repo",
                bare.toString(),
                "--base",
                "release-train/production-us-east-2-" + committedReleaseShort(committed),
                "--from-ledger",
                ledger,
                "--to",
                "production-us-east-2",
                "--dry-run");
        assertThat(again.out()).contains("manifest already says what runs there: nothing to commit");
        CliResult matched = CliResult.run(
                "board",
                "--ledger",
                ledger,
                "--manifests-repo",
                bare.toString(),
                "--base",
                "release-train/production-us-east-2-" + committedReleaseShort(committed),
                "--format",
                "json");
        assertThat(matched.json().get("environments").get(0).get("gitDrift").isNull())
                .as("once git is matched, no drift: " + matched.out())
                .isTrue();
    }

    private static String committedReleaseShort(Run committed) {
        java.util.regex.Matcher branch = java.util.regex.Pattern.compile(
                        "release-train/production-us-east-2-([0-9a-f]{12})")
                .matcher(committed.out());
        assertThat(branch.find()).as(committed.out()).isTrue();
        return branch.group(1);
    }

    private List<String> remoteBranches() throws IOException {
        try (Repository bare = new FileRepositoryBuilder()
                .setGitDir(remote.toFile())
                .setMustExist(true)
                .build()) {
            return bare.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
                    .map(r -> r.getName())
                    .sorted()
                    .toList();
        }
    }
}
