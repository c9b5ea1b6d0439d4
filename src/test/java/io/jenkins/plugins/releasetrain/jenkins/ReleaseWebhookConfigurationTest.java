package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The webhooks of the global configuration: the form keeps them and checks them as the engine does. */
@WithJenkins
class ReleaseWebhookConfigurationTest {

    @Test
    void theFormKeepsTheWebhooks(JenkinsRule j) throws Exception {
        CredentialsProvider.lookupStores(j.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "release-webhook", "", Secret.fromString("s3cr3t")));
        ReleaseWebhook signed = new ReleaseWebhook("https://events.example.com/release-train");
        signed.setCredentialsId("release-webhook");
        signed.setEvents("failed, rolled-back");
        signed.setTimeout(10);
        signed.setAttempts(2);
        ReleaseWebhook slack = new ReleaseWebhook("https://hooks.slack.com/services/T000/B000/XXXX");
        slack.setFormat("slack");
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        configuration.setWebhooks(List.of(signed, slack));
        List<ReleaseWebhook> before = new ArrayList<>(configuration.getWebhooks());

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(before, configuration.getWebhooks());
        assertThat(configuration.getWebhooks().get(0).toWebhook().signed(), is(true));
    }

    @Test
    void refusesWhatTheEngineWouldRefuse(JenkinsRule j) {
        assertThrows(IllegalArgumentException.class, () -> new ReleaseWebhook("ftp://events.example.com/"));
        assertThrows(IllegalArgumentException.class, () -> new ReleaseWebhook("https://user:pw@events.example.com/"));
        ReleaseWebhook webhook = new ReleaseWebhook("https://events.example.com/");
        assertThrows(IllegalArgumentException.class, () -> webhook.setEvents("failed, exploded"));
        assertThrows(IllegalArgumentException.class, () -> webhook.setFormat("teams"));
        assertThrows(IllegalArgumentException.class, () -> webhook.setTimeout(31));
        assertThrows(IllegalArgumentException.class, () -> webhook.setAttempts(6));
        ReleaseWebhook.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(ReleaseWebhook.DescriptorImpl.class);
        assertThat(descriptor.doCheckUrl("not a url").kind, is(FormValidation.Kind.ERROR));
        assertThat(descriptor.doCheckUrl("https://events.example.com/").kind, is(FormValidation.Kind.OK));
        assertThat(descriptor.doCheckEvents("failed, exploded").kind, is(FormValidation.Kind.ERROR));
        assertThat(descriptor.doCheckCredentialsId("").kind, is(FormValidation.Kind.WARNING));
    }
}
