package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import io.jenkins.plugins.releasetrain.notify.WebhookReceiver;
import io.jenkins.plugins.releasetrain.notify.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Release events in real Jenkins: the steps tell the {@link ReleaseEventListener}s, the built-in one sends them to
 * the configured webhooks, signed with the Secret text credentials, and a Jenkinsfile can neither add a receiver nor
 * make a step announce what it did not record.
 */
@WithJenkins
class ReleaseEventsTest {

    private static final String MANIFEST = withoutImages(staging());
    private static final String SECRET = "webhook-secret-for-tests";

    /** Every event the steps tell, in order. */
    @TestExtension
    public static class Heard extends HeardEvents {}

    /** A listener of another plugin that is broken. */
    @TestExtension("aListenerThatThrowsDoesNotBreakTheRelease")
    public static class Broken extends ReleaseEventListener {
        @Override
        public void onEvent(@NonNull ReleaseEvent event, @NonNull Run<?, ?> run) {
            throw new IllegalStateException("broken listener");
        }
    }

    private static Heard heard() {
        return hudson.ExtensionList.lookupSingleton(Heard.class);
    }

    private static WorkflowRun promote(JenkinsRule j, String name, String body, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node {\n" + writeFile(STAGING, MANIFEST) + body + "}", true));
        return j.buildAndAssertStatus(expected, job);
    }

    private static void secretText(JenkinsRule j, String id, String secret) throws Exception {
        CredentialsStore store =
                CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        store.addCredentials(
                Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "", Secret.fromString(secret)));
    }

    @Test
    void listenersAndOnEventHearTheRunStartAndSucceed(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                "promote",
                "  promoteRelease manifest: '" + STAGING + "', onEvent: { event ->\n"
                        + "    echo \"heard ${event.type} of ${event.environment} at ${event.link}\"\n"
                        + "  }\n",
                Result.SUCCESS);

        String link = j.getURL() + "job/promote/1/";
        j.assertLogContains("heard started of staging-us-east-2 at " + link, run);
        j.assertLogContains("heard succeeded of staging-us-east-2 at " + link, run);
        assertThat(heard().types(), is(List.of(EventType.STARTED, EventType.SUCCEEDED)));
        Release release = ExampleManifests.release(STAGING, MANIFEST);
        for (ReleaseEvent event : heard().events) {
            assertThat(event.environment(), is("staging-us-east-2"));
            assertThat(event.releaseId(), is(release.id().value()));
            assertThat(event.runId().orElseThrow(), is("promote#1"));
            assertThat(event.link().orElseThrow(), is(link));
        }
        assertThat(heard().events.get(1).details().get("status"), is("succeeded"));
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRelease(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                "promote",
                "  promoteRelease manifest: '" + STAGING + "', onEvent: { event -> error 'slack is down' }\n",
                Result.SUCCESS);

        j.assertLogContains("failed on the started event; the release goes on", run);
        j.assertLogContains("promoteRelease onEvent failed on succeeded, the release goes on: slack is down", run);
        assertThat(heard().types(), is(List.of(EventType.STARTED, EventType.SUCCEEDED)));
    }

    @Test
    void theConfiguredWebhookReceivesASignedCloudEvent(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        secretText(j, "release-webhook", SECRET);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ReleaseWebhook webhook = new ReleaseWebhook(receiver.uri("/events").toString());
            webhook.setCredentialsId("release-webhook");
            webhook.setEvents("succeeded");
            ReleaseTrainConfiguration.get().setWebhooks(List.of(webhook));

            promote(j, "promote", "  promoteRelease manifest: '" + STAGING + "'\n", Result.SUCCESS);

            WebhookReceiver.Received received = receiver.next(Duration.ofSeconds(30));
            assertThat(received, notNullValue());
            assertThat(
                    received.header(WebhookSender.SIGNATURE_HEADER),
                    is("sha256=" + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), received.body())));
            assertThat(received.header(WebhookSender.EVENT_HEADER), is("succeeded"));
            assertThat(received.header("Content-Type"), containsString("application/cloudevents+json"));
            JsonNode cloudEvent = new ObjectMapper().readTree(received.body());
            assertThat(cloudEvent.get("specversion").asText(), is("1.0"));
            assertThat(cloudEvent.get("type").asText(), is(EventType.SUCCEEDED.cloudEventType()));
            assertThat(cloudEvent.get("subject").asText(), is("staging-us-east-2"));
            assertThat(cloudEvent.get("data").get("runId").asText(), is("promote#1"));
            assertThat(cloudEvent.get("data").get("link").asText(), is(j.getURL() + "job/promote/1/"));
            assertThat("only the events asked for", receiver.next(Duration.ofMillis(500)), nullValue());
        }
    }

    @Test
    void aJenkinsfileCannotChooseTheReceiverNorAnnounceWhatItsStepsDidNotRecord(JenkinsRule j) throws Exception {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setAllowedJobs("release/**");
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        try (WebhookReceiver configured = WebhookReceiver.start();
                WebhookReceiver attackers = WebhookReceiver.start()) {
            ReleaseTrainConfiguration.get()
                    .setWebhooks(
                            List.of(new ReleaseWebhook(configured.uri("/events").toString())));
            String elsewhere = attackers.uri("/steal").toString();

            // No step takes a receiver.
            WorkflowRun url = promote(
                    j,
                    "attacker-url",
                    "  recordRelease event: 'started', manifest: '" + STAGING + "', url: '" + elsewhere + "'\n",
                    Result.FAILURE);
            j.assertLogContains("Unknown parameter(s) found for class type", url);
            // A job the rule does not name: every step that would tell of staging refuses, and tells nothing.
            for (String step : List.of(
                    "recordRelease event: 'started', manifest: '" + STAGING + "'",
                    "recordRelease event: 'finished', manifest: '" + STAGING + "'",
                    "releaseApproval manifest: '" + STAGING + "'")) {
                WorkflowRun run =
                        promote(j, "attacker-" + Math.abs(step.hashCode()), "  " + step + "\n", Result.FAILURE);
                j.assertLogContains("may not release into staging-us-east-2", run);
            }
            // promoteRelease takes no receiver either.
            WorkflowRun webhook = promote(
                    j,
                    "attacker-webhook",
                    "  promoteRelease manifest: '" + STAGING + "', webhook: '" + elsewhere + "'\n",
                    Result.FAILURE);
            j.assertLogContains("promoteRelease does not know the parameter webhook", webhook);
            assertThat(heard().events, empty());
            assertThat(configured.next(Duration.ofMillis(500)), nullValue());
            assertThat(attackers.all(), empty());
        }
    }

    @Test
    void aVerificationClaimedWithoutARunIsRefusedAndAnnouncesNothing(JenkinsRule j) throws Exception {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setAllowedJobs("release/**");
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        WorkflowJob job = j.createFolder("release").createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, MANIFEST)
                        + "  recordRelease event: 'verified', result: 'FAILURE', manifest: '" + STAGING + "'\n}",
                true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("has not been let through the approval gate of staging-us-east-2", run);
        assertThat(heard().events, empty());
    }
}
