package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A webhook the controller sends release events to, as an administrator configured it in the global configuration
 * (never a Pipeline): the URL, the body's format, which events, and the Secret text credentials whose value signs
 * each body. Each setting is checked as it is set, as the engine's {@link Webhook} checks it.
 */
public class ReleaseWebhook implements Describable<ReleaseWebhook> {

    private final String url;
    private String format = Webhook.Format.CLOUDEVENTS.label();
    private String events;
    private String credentialsId;
    private int timeout = (int) Webhook.DEFAULT_TIMEOUT.toSeconds();
    private int attempts = Webhook.DEFAULT_ATTEMPTS;

    /**
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL without user information
     */
    @DataBoundConstructor
    public ReleaseWebhook(String url) {
        this.url = Util.fixEmptyAndTrim(url);
        uri(this.url);
    }

    public String getUrl() {
        return url;
    }

    public String getFormat() {
        return format;
    }

    /** {@code cloudevents} (the default) or {@code slack}. */
    @DataBoundSetter
    public void setFormat(String format) {
        String label = Util.fixEmptyAndTrim(format);
        this.format = label == null
                ? Webhook.Format.CLOUDEVENTS.label()
                : format(label).label();
    }

    /** The events to send, separated by commas or spaces; null for every event. */
    @CheckForNull
    public String getEvents() {
        return events;
    }

    @DataBoundSetter
    public void setEvents(String events) {
        String text = Util.fixEmptyAndTrim(events);
        eventTypes(text);
        this.events = text;
    }

    /** The id of the Secret text credentials that sign each body; null for unsigned bodies. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** How many seconds one attempt may take, 1 to 30. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        if (timeout < 1 || timeout > Webhook.MAX_TIMEOUT.toSeconds()) {
            throw new IllegalArgumentException(Messages.ReleaseWebhook_Timeout(Webhook.MAX_TIMEOUT.toSeconds()));
        }
        this.timeout = timeout;
    }

    /** How many attempts in all, 1 to 5. */
    public int getAttempts() {
        return attempts;
    }

    @DataBoundSetter
    public void setAttempts(int attempts) {
        if (attempts < 1 || attempts > Webhook.MAX_ATTEMPTS) {
            throw new IllegalArgumentException(Messages.ReleaseWebhook_Attempts(Webhook.MAX_ATTEMPTS));
        }
        this.attempts = attempts;
    }

    /**
     * The engine's webhook. The credentials id stands where the engine reads a secret's variable name: {@link
     * WebhookNotifier} answers that name with the credentials' value, looked up when an event is sent.
     */
    Webhook toWebhook() {
        return new Webhook(
                uri(url),
                format(format),
                Optional.ofNullable(credentialsId),
                Optional.empty(),
                eventTypes(events),
                Duration.ofSeconds(timeout),
                attempts);
    }

    private static URI uri(String url) {
        if (url == null) {
            throw new IllegalArgumentException(Messages.ReleaseWebhook_NoUrl());
        }
        try {
            // One parser for the URL, the engine's checks for what it may be: http(s), a host, no user info.
            return Webhook.to(new URI(url)).url();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Messages.ReleaseWebhook_BadUrl(e.getMessage()));
        }
    }

    private static Webhook.Format format(String label) {
        return Webhook.Format.of(label)
                .orElseThrow(() -> new IllegalArgumentException(Messages.ReleaseWebhook_UnknownFormat(label)));
    }

    static Set<EventType> eventTypes(@CheckForNull String text) {
        Set<EventType> types = new LinkedHashSet<>();
        if (text == null) {
            return types;
        }
        for (String label : text.split("[,\\s]+")) {
            if (label.isEmpty()) {
                continue;
            }
            types.add(EventType.of(label)
                    .orElseThrow(() -> new IllegalArgumentException(Messages.ReleaseWebhook_UnknownEvent(
                            label,
                            String.join(
                                    ", ",
                                    Arrays.stream(EventType.values())
                                            .map(EventType::label)
                                            .toList())))));
        }
        return types;
    }

    @Extension
    @Symbol("webhook")
    public static class DescriptorImpl extends Descriptor<ReleaseWebhook> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseWebhook_DisplayName();
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            return AdminFormChecks.accepts(value, ReleaseWebhook::uri);
        }

        @POST
        public FormValidation doCheckEvents(@QueryParameter String value) {
            return AdminFormChecks.accepts(value, ReleaseWebhook::eventTypes);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.warning(Messages.ReleaseWebhook_Unsigned())
                    : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillFormatItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.ReleaseWebhook_CloudEvents(), Webhook.Format.CLOUDEVENTS.label());
            items.add(Messages.ReleaseWebhook_Slack(), Webhook.Format.SLACK.label());
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return GlobalCredentialsItems.of(credentialsId, CredentialsMatchers.instanceOf(StringCredentials.class));
        }
    }
}
