package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigin;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-train plan --changes}: commits from real repositories (read through file:// URLs and the
 * cache, as from a server) and image origins from a real registry's image configurations.
 */
@RequiresTools({"docker-registry"})
class PlanChangesTest {

    @TempDir
    static Path dir;

    static RegistryServer server;
    static RevCommit live;
    static RevCommit fix;
    static RevCommit next;
    static RevCommit appLive;
    static RevCommit appNext;

    @BeforeAll
    static void repositoriesAndImages() throws Exception {
        Path remotes = dir.resolve("remotes");
        try (TestRepository portal = TestRepository.init(dir.resolve("work/public-portal"));
                TestRepository app = TestRepository.init(dir.resolve("work/app"))) {
            live = portal.commit("Portal 1.0", TestRepository.ALICE, Map.of("a", "1"));
            fix = portal.commit("PORTAL-7 fix the login redirect (#41)", TestRepository.BOB, Map.of("a", "2"));
            next = portal.commit("Portal 1.1", TestRepository.ALICE, Map.of("a", "3"));
            portal.pushTo(remotes.resolve("public-portal.git"));
            appLive = app.commit("App 1", TestRepository.CAROL, Map.of("b", "1"));
            appNext = app.commit("APP-3 cache the catalogue", TestRepository.CAROL, Map.of("b", "2"));
            app.pushTo(remotes.resolve("app.git"));
        }
        server = RegistryServer.start(dir.resolve("registry"));
        String source = remotes.toUri() + "app.git";
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TestImages.pushLabelled(registry, "product1/app", "prod_us_1", "app-1", labels(appLive, source));
            TestImages.pushLabelled(registry, "product1/app", "dev_2", "app-2", labels(appNext, source));
        }
        Files.writeString(dir.resolve("live.yaml"), manifest(live.name(), "dev_1"));
        Files.writeString(dir.resolve("next.yaml"), manifest(next.name(), "dev_2"));
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsEachChangedArtifactsCommitsAndWhereItsImageWasBuiltFrom() {
        CliResult result = plan("--format", "text");

        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out())
                .contains("Changes")
                .contains("product1/deploy/portal  " + live.name().substring(0, 12) + " -> "
                        + next.name().substring(0, 12) + "  2 commits")
                .contains(next.name().substring(0, 12) + "  ")
                .contains("Alice Author  Portal 1.1")
                .contains("PORTAL-7 fix the login redirect (#41)  [#41 PORTAL-7]")
                .contains("product1/image/product1/app  " + appLive.name().substring(0, 12) + " -> "
                        + appNext.name().substring(0, 12) + "  1 commit")
                .contains("image sha256:")
                .contains("APP-3 cache the catalogue");
    }

    @Test
    void jsonCarriesTheChangelogBesideThePlan() {
        JsonNode json = plan("--format", "json").json();

        assertThat(json.path("environment").asText()).isEqualTo("production-us-east-2");
        JsonNode portal = json.path("changelog").get(0);
        assertThat(portal.path("artifactId").asText()).isEqualTo("product1/deploy/portal");
        assertThat(portal.path("relation").asText()).isEqualTo("forward");
        assertThat(portal.path("added").path("total").asInt()).isEqualTo(2);
        assertThat(portal.path("added")
                        .path("commits")
                        .get(1)
                        .path("pullRequest")
                        .asInt())
                .isEqualTo(41);
        assertThat(portal.path("added")
                        .path("commits")
                        .get(1)
                        .path("issueKeys")
                        .get(0)
                        .asText())
                .isEqualTo("PORTAL-7");
        JsonNode app = json.path("changelog").get(1);
        assertThat(app.path("image").path("revision").asText()).isEqualTo(appNext.name());
        assertThat(app.path("liveImage").path("revision").asText()).isEqualTo(appLive.name());
        assertThat(app.path("added").path("commits").get(0).path("sha").asText())
                .isEqualTo(appNext.name());
    }

    @Test
    void markdownForAPullRequestEscapesWhatCommitsSay() {
        CliResult result = plan("--format", "markdown", "--changelog-limit", "1");

        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out())
                .startsWith("### Plan for production\\-us\\-east\\-2")
                .contains("| product1/deploy/portal | changed | `" + live.name().substring(0, 12) + "` → `"
                        + next.name().substring(0, 12) + "` | 2 commits |")
                .contains("#### product1/deploy/portal: 2 commits")
                .contains("- `" + next.name().substring(0, 12) + "` Portal 1\\.1 (Alice Author, ")
                .contains("- and 1 more");
    }

    @Test
    void repositoriesCanBeConfiguredInAFileAndAMistakeInItIsNamedAtItsLine() throws Exception {
        Path config = Files.writeString(dir.resolve("repositories.yaml"), """
                # where the manifests' repositories are
                repositoryTemplate: %s{gitRepoName}.git
                limit: 1
                """.formatted(
                        dir.resolve("remotes").toUri()));
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "repositoryTemplat: x\nlimit: many\n");

        CliResult result = planChanges(
                "--repo-config",
                config.toString(),
                "--cache",
                dir.resolve("cache").toString());
        CliResult wrong = planChanges("--repo-config", typo.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out())
                .contains("product1/deploy/portal  ")
                .contains("  2 commits")
                .contains("and 1 more");
        assertThat(wrong.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(wrong.err())
                .contains(typo + ":1:1: error: unknown key 'repositoryTemplat'")
                .contains("did you mean 'repositoryTemplate'?")
                .contains(typo + ":2:8: error: limit must be a number of commits, 1 to 9999, not 'many'");
    }

    @Test
    void theBoardSaysWhatEachLiveVersionBrought() throws Exception {
        Path ledger = dir.resolve("board-ledger");
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();
        for (RevCommit commit : List.of(live, next)) {
            Path manifest = Files.writeString(
                    dir.resolve("board-" + commit.name() + ".yaml"),
                    Fixtures.productionManifest(Fixtures.portalDeployment(commit.name())));
            CliResult run =
                    CliResult.run("run", manifest.toString(), "--ledger", ledger.toString(), "--handlers", handlers);
            assertThat(run.exit()).as(run.toString()).isZero();
        }

        CliResult board = CliResult.run(
                "board",
                "--ledger",
                ledger.toString(),
                "--format",
                "json",
                "--changes",
                "--repo-url-template",
                dir.resolve("remotes").toUri() + "{gitRepoName}.git",
                "--cache",
                dir.resolve("cache").toString());

        assertThat(board.exit()).as(board.toString()).isZero();
        JsonNode changes = board.json()
                .get("products")
                .get(0)
                .get("artifacts")
                .get(0)
                .get("cells")
                .get(0)
                .get("changes");
        assertThat(changes.get("summary").asText()).isEqualTo("2 commits");
        assertThat(changes.get("commits").get(1).asText())
                .startsWith(fix.name().substring(0, 12))
                .endsWith("PORTAL-7 fix the login redirect (#41)  [#41 PORTAL-7]");
        assertThat(CliResult.run("board", "--ledger", ledger.toString(), "--changes")
                        .err())
                .contains("--changes needs to know where repositories are");
        CliResult withRegistry =
                CliResult.run("board", "--ledger", ledger.toString(), "--changes", "--registry", "localhost:5000");
        assertThat(withRegistry.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(withRegistry.err()).contains("it reads no image registry, so --registry does not apply");
    }

    @Test
    void aMissingLocationIsAnErrorThatSaysWhatToGive() {
        CliResult result = planChanges();

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("--changes needs to know where repositories are: give --repo-url-template");
    }

    @Test
    void markdownIsRefusedByCommandsThatHaveNone() {
        CliResult result = CliResult.run("validate", dir.resolve("next.yaml").toString(), "--format", "markdown");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("validate has no Markdown output");
    }

    /** {@code plan next.yaml --against live.yaml --changes} and {@code more}. */
    private static CliResult planChanges(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "plan",
                dir.resolve("next.yaml").toString(),
                "--against",
                dir.resolve("live.yaml").toString(),
                "--changes"));
        args.addAll(List.of(more));
        return CliResult.run(args.toArray(String[]::new));
    }

    /** {@link #planChanges} with the repositories, the cache and the registry of this test, and {@code more}. */
    private static CliResult plan(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--repo-url-template",
                dir.resolve("remotes").toUri() + "{gitRepoName}.git",
                "--cache",
                dir.resolve("cache").toString(),
                "--registry",
                server.reference()));
        args.addAll(List.of(more));
        return planChanges(args.toArray(String[]::new));
    }

    private static Map<String, String> labels(RevCommit commit, String source) {
        return Map.of(ImageOrigin.REVISION_LABEL, commit.name(), ImageOrigin.SOURCE_LABEL, source);
    }

    private static String manifest(String portalCommit, String appTag) {
        return Fixtures.productionManifest(Fixtures.portalDeployment(portalCommit) + """
                    images:
                      - repoName: product1/app
                        sourceTag: %s
                """.formatted(appTag));
    }
}
