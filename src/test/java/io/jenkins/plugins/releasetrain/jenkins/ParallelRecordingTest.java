package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Many branches of one build record at once while Jenkins writes the build to disk; one build releases twice. */
@WithJenkins
class ParallelRecordingTest {

    private static final int BRANCHES = 50;

    /** Staging with {@value #BRANCHES} deployments, each its own artifact. */
    private static String fiftyDeployments() throws Exception {
        String head = staging().substring(0, staging().indexOf("    deployments:\n") + "    deployments:\n".length());
        StringBuilder manifest = new StringBuilder(head);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < BRANCHES; i++) {
            String commit = HexFormat.of().formatHex(sha1.digest(("commit " + i).getBytes(StandardCharsets.UTF_8)));
            manifest.append("      - gitRepoName: service-")
                    .append(i)
                    .append("\n        gitRepoShortName: svc-")
                    .append(i)
                    .append("\n        gitCommit: ")
                    .append(commit)
                    .append("\n        workflowBase: lambda-job\n        deployTarget: lambda\n");
        }
        return manifest.toString();
    }

    @Test
    void fiftyBranchesRecordingAtOnceAreAllKeptInTheBuildAndTheLedger(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "fifty");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + "  " + writeFile(STAGING, fiftyDeployments())
                        + "  def r = readReleaseManifest file: '" + STAGING + "'\n"
                        + "  recordRelease event: 'started', release: r.releaseId\n"
                        + "  def branches = [:]\n"
                        + "  for (int i = 0; i < r.artifacts.size(); i++) {\n"
                        + "    def id = r.artifacts[i].id\n"
                        + "    branches['b' + i] = { recordRelease event: 'artifact', release: r.releaseId,"
                        + " artifactIds: [id], result: 'SUCCESS' }\n"
                        + "  }\n"
                        + "  parallel branches\n"
                        + "  echo \"END ${recordRelease(event: 'finished', release: r.releaseId).status}\"\n"
                        + "}",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("END succeeded", run);
        assertThat(run.getAction(ReleaseAction.class).getArtifacts().size(), is(BRANCHES));
        String saved = Files.readString(run.getRootDir().toPath().resolve("build.xml"));
        assertThat(saved.split("<artifactId>", -1).length - 1, is(BRANCHES));
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .run(RunId.forBuild("fifty", 1))
                        .orElseThrow()
                        .results()
                        .size(),
                is(BRANCHES));
    }

    @Test
    void oneBuildReleasingAnEnvironmentTwiceShowsEachReleaseOnItsOwnPage(JenkinsRule j) throws Exception {
        String first = withoutImages(staging());
        String second = ExampleManifests.replaceOnce(
                first, ExampleManifests.RESOURCES_COMMIT, "gitCommit: 5e1c2a9b7d3f4e6a8b0c1d2e3f4a5b6c7d8e9f01");
        WorkflowJob job = j.createProject(WorkflowJob.class, "twice");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + "  " + writeFile(STAGING, first)
                        + "  recordRelease event: 'started', manifest: '" + STAGING + "'\n"
                        + "  " + writeFile("again.yaml", second)
                        + "  recordRelease event: 'started', manifest: 'again.yaml'\n"
                        + "}",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        List<ReleaseAction> releases = run.getActions(ReleaseAction.class);
        assertThat(releases.size(), is(2));
        assertThat(releases.get(0).getUrlName(), is("release-staging-us-east-2"));
        assertThat(releases.get(1).getUrlName(), not(is(releases.get(0).getUrlName())));
        JenkinsRule.WebClient web = j.createWebClient();
        for (ReleaseAction release : releases) {
            assertThat(
                    web.getPage(run, release.getUrlName())
                            .getWebResponse()
                            .getContentAsString()
                            .contains(release.getShortReleaseId()),
                    is(true));
        }
    }
}
