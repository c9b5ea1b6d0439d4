package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.BoardLedger.PRODUCTION;
import static io.jenkins.plugins.releasetrain.jenkins.BoardLedger.STAGING;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.View;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The release board in Jenkins compares each environment's manifest in the repository administrators configured
 * with what the ledger says runs there ({@code gitDrift} in board.json, {@code git ≠ live} on the board), and only
 * administrators choose or contact that repository.
 */
@WithJenkins
class ReleaseBoardGitDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TESTING = "testing-us-east-2";
    private static final String LIVE_RESOURCES = "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee";

    @TempDir
    Path temp;

    private JenkinsRule j;

    @BeforeEach
    void writeTheLedger(JenkinsRule j) throws Exception {
        this.j = j;
        j.createFreeStyleProject(BoardLedger.STAGING_JOB);
        j.createFreeStyleProject(BoardLedger.PRODUCTION_JOB);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, View.READ)
                .everywhere()
                .to("reader"));
        ReleaseEnvironment production = new ReleaseEnvironment(PRODUCTION);
        production.setUpstream(STAGING);
        ReleaseTrainConfiguration.get()
                .setEnvironments(List.of(new ReleaseEnvironment(STAGING), production, new ReleaseEnvironment(TESTING)));
        BoardLedger.write(ReleaseTrainConfiguration.get().getLedgerRoot().toPath());
    }

    /** A bare repository on the controller's disk whose main branch has these manifests; its file:// URL. */
    private String manifestsRepository(Map<String, String> manifests) {
        Path bare = temp.resolve("infra.git");
        try (TestRepository work = TestRepository.init(temp.resolve("infra"))) {
            work.commit("Release manifests", TestRepository.ALICE, manifests);
            work.pushTo(bare);
        }
        return bare.toUri().toString();
    }

    private static void configure(String repository) {
        ReleaseTrainConfiguration.get().setBoardManifests(new ReleaseBoardManifests(repository));
    }

    @Test
    void anEnvironmentWhoseManifestInGitDiffersFromWhatRunsShowsGitDrift() throws Exception {
        configure(manifestsRepository(Map.of(
                ExampleManifests.STAGING,
                ExampleManifests.staging(),
                ExampleManifests.PRODUCTION,
                ExampleManifests.replaceOnce(
                        ExampleManifests.production(), LIVE_RESOURCES, ExampleManifests.RESOURCES_COMMIT))));

        JsonNode board = board("reader");

        String drift = environment(board, PRODUCTION).get("gitDrift").asText();
        assertThat(drift, containsString("git (main:" + ExampleManifests.PRODUCTION + ") declares release "));
        assertThat(drift, containsString("1 artifact differs: "));
        assertThat(drift, containsString("resources (git 4f545ec8f09c, live 3e1bfbd23a38)"));
        assertThat(
                "staging runs what git says",
                environment(board, STAGING).get("gitDrift").isNull(),
                is(true));
        assertThat(
                "nothing runs in testing, and git has no manifest for it",
                environment(board, TESTING).get("gitDrift").isNull(),
                is(true));
    }

    @Test
    void anEnvironmentRunningWhatGitDeclaresShowsNoDrift() throws Exception {
        configure(manifestsRepository(Map.of(
                ExampleManifests.STAGING, ExampleManifests.staging(),
                ExampleManifests.PRODUCTION, ExampleManifests.production())));

        JsonNode board = board("reader");

        assertThat(environment(board, STAGING).get("gitDrift").isNull(), is(true));
        assertThat(environment(board, PRODUCTION).get("gitDrift").isNull(), is(true));
    }

    @Test
    void anUnreachableRepositoryLeavesTheBoardWithoutDrift() throws Exception {
        configure(temp.resolve("no-such-repository.git").toUri().toString());

        Page page = browser("reader").goTo("release-board/board.json", "application/json");
        assertThat(page.getWebResponse().getStatusCode(), is(HttpURLConnection.HTTP_OK));
        JsonNode board = JSON.readTree(page.getWebResponse().getContentAsString());
        board.get("environments")
                .forEach(environment -> assertThat(
                        environment.get("name").asText(),
                        environment.get("gitDrift").isNull(),
                        is(true)));
        // asked again within the minute: answered from what was read, still 200
        assertThat(board("reader").get("environments").size(), is(3));
    }

    @Test
    void withoutAManifestsRepositoryTheBoardComparesNothing() throws Exception {
        assertThat(ReleaseTrainConfiguration.get().getBoardManifests(), is(nullValue()));

        JsonNode board = board("reader");

        board.get("environments")
                .forEach(environment -> assertThat(environment.get("gitDrift").isNull(), is(true)));
    }

    @Test
    void keepsTheManifestsRepositoryThroughTheConfigurationForm() throws Exception {
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .toEveryone());
        ReleaseBoardManifests manifests = new ReleaseBoardManifests("https://git.example.com/acme/infra.git");
        manifests.setPathPattern("deploy/{env}/release.yaml");
        manifests.setBranch("release");
        manifests.setCredentialsId("manifests-reader");
        ReleaseTrainConfiguration.get().setBoardManifests(manifests);

        j.configRoundtrip();

        ReleaseBoardManifests kept = ReleaseTrainConfiguration.get().getBoardManifests();
        j.assertEqualDataBoundBeans(manifests, kept);
        assertThat(kept.getCredentialsId(), is("manifests-reader"));

        ReleaseBoardManifests defaults = new ReleaseBoardManifests("git@git.example.com:acme/infra.git");
        ReleaseTrainConfiguration.get().setBoardManifests(defaults);
        j.configRoundtrip();
        kept = ReleaseTrainConfiguration.get().getBoardManifests();
        assertThat(kept.getPathPattern(), is("releases/{env}.yaml"));
        assertThat(kept.getBranch(), is(nullValue()));
        assertThat(kept.getCredentialsId(), is(nullValue()));

        ReleaseTrainConfiguration.get().setBoardManifests(null);
        j.configRoundtrip();
        assertThat(ReleaseTrainConfiguration.get().getBoardManifests(), is(nullValue()));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new ReleaseBoardManifests(" "));
        assertThrows(IllegalArgumentException.class, () -> new ReleaseBoardManifests("relative/infra"));
        ReleaseBoardManifests manifests = new ReleaseBoardManifests("https://git.example.com/acme/infra.git");
        assertThrows(IllegalArgumentException.class, () -> manifests.setPathPattern("releases/production.yaml"));
        assertThrows(IllegalArgumentException.class, () -> manifests.setBranch("main\nevil"));
        assertThrows(IllegalArgumentException.class, () -> manifests.setBranch("../main"));
    }

    @Test
    void onlyAnAdministratorsPostMakesTheControllerReadTheRepositoryFromTheForm() throws Exception {
        String repository = manifestsRepository(Map.of(ExampleManifests.PRODUCTION, ExampleManifests.production()));
        String check = "descriptorByName/" + ReleaseBoardManifests.class.getName() + "/testConnection?repository="
                + URLEncoder.encode(repository, StandardCharsets.UTF_8);

        JenkinsRule.WebClient reader = browser("reader").withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                reader.getPage(reader.addCrumb(new WebRequest(new URL(j.getURL(), check), HttpMethod.POST)))
                        .getWebResponse()
                        .getStatusCode(),
                is(HttpURLConnection.HTTP_FORBIDDEN));

        JenkinsRule.WebClient admin = browser("admin").withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                "a link cannot make the controller contact a repository",
                admin.goTo(check, null).getWebResponse().getStatusCode(),
                is(HttpURLConnection.HTTP_BAD_METHOD));
        String answer = admin.getPage(admin.addCrumb(new WebRequest(new URL(j.getURL(), check), HttpMethod.POST)))
                .getWebResponse()
                .getContentAsString();
        assertThat(answer, containsString("Read main at commit"));
        assertThat(answer, containsString("Manifests for: " + PRODUCTION));
        assertThat(answer, containsString("None for: " + STAGING + ", " + TESTING));
        assertThat(
                "the form's check does not configure anything",
                ReleaseTrainConfiguration.get().getBoardManifests(),
                is(nullValue()));
    }

    @Test
    void aJenkinsfileCannotChooseTheRepositoryTheBoardReads() throws Exception {
        String configured = manifestsRepository(Map.of(ExampleManifests.PRODUCTION, ExampleManifests.production()));
        configure(configured);
        WorkflowJob job = j.createProject(WorkflowJob.class, "attacker");
        job.setDefinition(new CpsFlowDefinition(
                "io.jenkins.plugins.releasetrain.jenkins.ReleaseTrainConfiguration.get().setBoardManifests(\n"
                        + "  new io.jenkins.plugins.releasetrain.jenkins.ReleaseBoardManifests('https://evil.example.com/x.git'))\n",
                true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("Scripts not permitted to use", run);
        assertThat(ReleaseTrainConfiguration.get().getBoardManifests().getRepository(), is(configured));
        assertThat(board("reader").toString(), not(containsString("evil.example.com")));
    }

    private JsonNode board(String user) throws Exception {
        return JSON.readTree(browser(user)
                .goTo("release-board/board.json", "application/json")
                .getWebResponse()
                .getContentAsString());
    }

    private static JsonNode environment(JsonNode board, String name) {
        for (JsonNode environment : board.get("environments")) {
            if (environment.get("name").asText().equals(name)) {
                return environment;
            }
        }
        throw new AssertionError("no environment " + name + " on the board: " + board);
    }

    private JenkinsRule.WebClient browser(String user) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withJavaScriptEnabled(false);
        client.login(user);
        return client;
    }
}
