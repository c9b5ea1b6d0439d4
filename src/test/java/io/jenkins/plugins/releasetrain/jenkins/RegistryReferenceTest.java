package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The attacker's Pipeline names registries itself: an address inside the controller's network, and references
 * dressed with control characters so that a check and the opening would read them differently.
 */
@WithJenkins
class RegistryReferenceTest {

    private WorkflowRun tag(JenkinsRule j, String name, String registry) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, staging()) + "  tagImages manifest: '" + STAGING + "', registry: \""
                        + registry + "\"\n}",
                true));
        return j.buildAndAssertStatus(Result.FAILURE, job);
    }

    @Test
    void aPipelineCannotMakeTheControllerContactAHostAdministratorsDidNotAllow(JenkinsRule j) throws Exception {
        WorkflowRun run = tag(j, "metadata", "https://169.254.169.254");

        j.assertLogContains("'https://169.254.169.254' is not a registry this server may contact for a build", run);
    }

    @Test
    void controlCharactersCannotSmuggleTheServersIdentityOrDirectories(JenkinsRule j) throws Exception {
        // Characters the step's own trimming drops leave a reference that is refused as what it is...
        WorkflowRun ecr = tag(j, "ecr", "\\u0001ecr:us-east-1");
        WorkflowRun layout = tag(j, "layout", "\\u0001oci-layout:/var/lib/jenkins");
        // ...and the others are refused outright, before anything reads the reference.
        WorkflowRun nextLine = tag(j, "next-line", "\\u0085oci-layout:/var/lib/jenkins");
        WorkflowRun wideSpace = tag(j, "wide-space", "\\u2003ecr:us-east-1");

        j.assertLogContains(
                "'ecr:us-east-1' needs credentialsId: an AWS credential; the server's own AWS identity", ecr);
        j.assertLogContains("'oci-layout:/var/lib/jenkins' names directories on the server", layout);
        j.assertLogContains("holds a control or non-ASCII character (U+0085)", nextLine);
        j.assertLogContains("holds a control or non-ASCII character (U+2003)", wideSpace);
    }

    @Test
    void credentialsWrittenIntoAReferenceAreRefusedAndNeverPrinted(JenkinsRule j) throws Exception {
        WorkflowRun run = tag(j, "userinfo", "https://deploy:s3cret@registry.example.com");

        j.assertLogContains("holds credentials; give them as a credential (credentialsId) instead", run);
        j.assertLogNotContains("s3cret", run);
    }
}
