package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.record.RecordJson;
import java.net.HttpURLConnection;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The release record of a build's run, served from its release page: the record of what the ledger holds,
 * to whoever may read the job and to nobody else.
 */
@WithJenkins
class ReleaseRecordPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReleasePageServesTheRunsRecordToReadersOfTheJobOnly(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, withoutImages(staging())) + "  promoteRelease manifest: '" + STAGING
                        + "'\n}",
                true));
        WorkflowRun run = j.buildAndAssertStatus(Result.SUCCESS, job);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("alice", "mallory")
                .grant(Item.READ)
                .onItems(job)
                .to("alice"));
        String page = run.getUrl() + "release-staging-us-east-2/";

        JenkinsRule.WebClient alice =
                j.createWebClient().withJavaScriptEnabled(false).login("alice");
        Page json = alice.goTo(page + "record.json", "application/json");
        String text = json.getWebResponse().getContentAsString();
        JsonNode record = JSON.readTree(text);
        assertThat(record.get("status").asText(), is("succeeded"));
        assertThat(record.get("runId").asText(), is("promote#1"));
        assertThat(record.get("origin").get("jenkins.job").asText(), is("promote"));
        assertThat(record.get("artifacts").size(), is(6));
        for (JsonNode artifact : record.get("artifacts")) {
            // the downstream build that deployed it, as promoteRelease triggered it
            assertThat(artifact.get("build").asText(), startsWith("release-jobs/"));
            assertThat(artifact.get("build").asText(), containsString(" #"));
        }
        // Jenkins decides after the run's start is recorded: the decision comes with the run's end.
        assertThat(record.get("decision").get("decision").asText(), is("allowed"));
        assertThat(
                RecordJson.digestOf(text),
                is(record.get(RecordJson.DIGEST_FIELD).asText()));
        assertThat(json.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"), is("nosniff"));

        Page html = alice.goTo(page + "record.html", "text/html");
        assertThat(
                html.getWebResponse().getResponseHeaderValue("Content-Security-Policy"),
                is(ReleaseRecordPages.PAGE_POLICY));
        assertThat(html.getWebResponse().getContentAsString(), containsString("Release record: staging-us-east-2"));
        assertThat(html.getWebResponse().getContentAsString(), not(containsString("<script")));
        assertThat(alice.goTo(page).getWebResponse().getContentAsString(), containsString("href=\"record.html\""));

        // Someone who may not read the job cannot read its record, whatever URL they try.
        JenkinsRule.WebClient mallory = j.createWebClient()
                .withJavaScriptEnabled(false)
                .login("mallory")
                .withThrowExceptionOnFailingStatusCode(false);
        for (String path : new String[] {"record.json", "record.html"}) {
            int status = mallory.goTo(page + path, null).getWebResponse().getStatusCode();
            assertThat(path, status, is(HttpURLConnection.HTTP_NOT_FOUND));
        }
    }
}
