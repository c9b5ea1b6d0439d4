package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigin;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Approvers see what a release brings: with the repositories configured, {@code releaseApproval}'s prompt has a
 * line per artifact and the release's page every commit, read from a real git repository.
 */
@WithJenkins
class ReleaseChangelogTest {

    @TempDir
    Path repositories;

    @Test
    void thePromptAndTheReleasePageShowTheCommitsSinceWhatIsLive(JenkinsRule j) throws Exception {
        String[] history = resourcesHistory();
        String live = history[0];
        String next = history[1];
        ReleaseChangelogSource changelog = new ReleaseChangelogSource(repositories + "/{gitRepoName}");
        // Only RES keys are issue keys here: "(#77)" stays the pull request.
        changelog.setIssuePattern("RES-\\d+");
        ReleaseTrainConfiguration.get().setChangelog(changelog);
        PromoteReleaseTest.deploymentJobs(j, null);
        String first = replaceOnce(withoutImages(staging()), RESOURCES_COMMIT, "gitCommit: " + live);
        run(j, "first", "node {\n" + writeFile(STAGING, first) + "  promoteRelease manifest: '" + STAGING + "'\n}");
        ReleaseApprovalTest.protectStaging(false, true);

        String second = replaceOnce(withoutImages(staging()), RESOURCES_COMMIT, "gitCommit: " + next);
        WorkflowRun run = run(
                j,
                "second",
                "node {\n" + writeFile(STAGING, second) + "  def gate = releaseApproval manifest: '" + STAGING
                        + "'\n  echo \"PROMPT<<${gate.prompt.message}>>\"\n"
                        + "  echo \"commits=${gate.changelog.find { it.artifactId == 'product1/deploy/resources' }"
                        + ".added.total}\"\n}");

        j.assertLogContains("product1/deploy/resources: 2 commits (#77, RES-9)", run);
        j.assertLogContains("commits=2", run);
        ReleaseAction action = run.getAction(ReleaseAction.class);
        assertThat(action.getChangelog(), containsString("RES-9 compress the icons (#77)  [#77 RES-9]"));
        assertThat(
                j.createWebClient().getPage(run, action.getUrlName()).asNormalizedText(),
                containsString("What it brings"));
    }

    @Test
    void theBoardSaysWhatEachLiveDeploymentBrought(JenkinsRule j) throws Exception {
        String[] history = resourcesHistory();
        String live = history[0];
        String next = history[1];
        ReleaseTrainConfiguration.get().setChangelog(new ReleaseChangelogSource(repositories + "/{gitRepoName}"));
        PromoteReleaseTest.deploymentJobs(j, null);
        for (String commit : new String[] {live, next}) {
            String manifest = replaceOnce(withoutImages(staging()), RESOURCES_COMMIT, "gitCommit: " + commit);
            run(
                    j,
                    "promote-" + commit.substring(0, 7),
                    "node {\n" + writeFile(STAGING, manifest) + "  promoteRelease manifest: '" + STAGING + "'\n}");
        }

        JsonNode board = new ObjectMapper()
                .readTree(j.createWebClient()
                        .goTo("release-board/board.json", "application/json")
                        .getWebResponse()
                        .getContentAsString());

        JsonNode resources = null;
        for (JsonNode artifact : board.get("products").get(0).get("artifacts")) {
            if (artifact.get("id").asText().equals("product1/deploy/resources")) {
                resources = artifact.get("cells").get(0);
            }
        }
        assertThat(resources.get("changes").get("summary").asText(), is("2 commits"));
        assertThat(resources.get("changes").get("commits").get(1).asText(), containsString("RES-9 compress the icons"));
    }

    @Test
    void anImageListsTheCommitsBetweenWhatTheLiveAndTheNewImageWereBuiltFrom(JenkinsRule j) throws Exception {
        String built1;
        String built2;
        try (Git git = Git.init()
                .setDirectory(repositories.resolve("app").toFile())
                .setInitialBranch("main")
                .call()) {
            built1 = commit(git, "App 1").name();
            built2 = commit(git, "APP-3 cache the catalogue").name();
        }
        Path layouts = new File(j.jenkins.getRootDir(), "images").toPath();
        ExampleImages.build(layouts);
        String source = repositories.resolve("app").toString();
        try (OciLayoutRegistry layout = new OciLayoutRegistry(layouts)) {
            TestImages.pushLabelled(
                    layout,
                    "product1/microservice-1",
                    "dev_123",
                    "app-1",
                    Map.of(ImageOrigin.REVISION_LABEL, built1, ImageOrigin.SOURCE_LABEL, source));
            TestImages.pushLabelled(
                    layout,
                    "product1/microservice-1",
                    "dev_124",
                    "app-2",
                    Map.of(ImageOrigin.REVISION_LABEL, built2, ImageOrigin.SOURCE_LABEL, source));
        }
        ReleaseRegistry local = new ReleaseRegistry("local", ReleaseRegistry.OCI_LAYOUT);
        local.setUrl(layouts.toString());
        ReleaseTrainConfiguration.get().setRegistries(List.of(local));
        ReleaseChangelogSource changelog = new ReleaseChangelogSource(repositories + "/{gitRepoName}");
        changelog.setRegistry("local");
        ReleaseTrainConfiguration.get().setChangelog(changelog);
        PromoteReleaseTest.deploymentJobs(j, null);
        run(j, "first", "node {\n" + writeFile(STAGING, staging()) + "  promoteRelease manifest: '" + STAGING + "'\n}");

        String next = replaceOnce(staging(), "sourceTag: dev_123", "sourceTag: dev_124");
        WorkflowRun run = run(
                j,
                "second",
                "node {\n" + writeFile(STAGING, next) + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                        + "  def e = gate.changelog.find { it.artifactId == 'product1/image/product1/microservice-1' }\n"
                        + "  echo \"image commits=${e.added.total} revision=${e.image.revision}"
                        + " subject=${e.added.commits[0].subject}\"\n}");

        j.assertLogContains("image commits=1 revision=" + built2 + " subject=APP-3 cache the catalogue", run);
    }

    /** private-resources with three commits, the middle one "RES-9 compress the icons (#77)": the first and last. */
    private String[] resourcesHistory() throws Exception {
        try (Git git = Git.init()
                .setDirectory(repositories.resolve("private-resources").toFile())
                .setInitialBranch("main")
                .call()) {
            String live = commit(git, "Resources 1").name();
            commit(git, "RES-9 compress the icons (#77)");
            return new String[] {live, commit(git, "Resources 2").name()};
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        Path file = git.getRepository().getWorkTree().toPath().resolve("resources.txt");
        Files.writeString(file, message);
        git.add().addFilepattern("resources.txt").call();
        PersonIdent author = new PersonIdent("Bob Builder", "bob@example.com");
        return git.commit()
                .setMessage(message)
                .setAuthor(author)
                .setCommitter(author)
                .setSign(false)
                .call();
    }

    private static WorkflowRun run(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(Result.SUCCESS, job);
    }
}
