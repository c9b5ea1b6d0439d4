package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import io.jenkins.plugins.releasetrain.notify.Secrets;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import io.jenkins.plugins.releasetrain.notify.WebhookSender;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Sends every release event to the webhooks of the global configuration, through the engine's queue: {@link
 * #onEvent} only queues, one thread of its own sends, each delivery is bounded by the webhook's timeout and attempts,
 * and at most 100 events wait. Outcomes go to the Jenkins log, naming a webhook by scheme, host and port only.
 */
@Extension
public class WebhookNotifier extends ReleaseEventListener {

    private static final Logger LOGGER = Logger.getLogger(WebhookNotifier.class.getName());

    /** How long queued events of a replaced configuration may still take to be sent. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private List<Webhook> webhooks = List.of();
    private Notifications notifications = Notifications.none();

    @Override
    public void onEvent(@NonNull ReleaseEvent event, @NonNull Run<?, ?> run) {
        List<Webhook> configured = ReleaseTrainConfiguration.get().getWebhooks().stream()
                .map(ReleaseWebhook::toWebhook)
                .toList();
        notificationsFor(configured).publish(event);
    }

    /** The queue for these webhooks: the same one while the configuration stays the same. */
    private synchronized Notifications notificationsFor(List<Webhook> configured) {
        if (!configured.equals(webhooks)) {
            Notifications replaced = notifications;
            // Drained on a pool thread: closing waits, and the step that tells must not.
            Timer.get().submit(() -> replaced.close(DRAIN));
            webhooks = configured;
            notifications = new Notifications(
                    configured,
                    WebhookSender.create(new Secrets(WebhookNotifier::secret, "the Secret text credentials")),
                    LOGGER::warning);
        }
        return notifications;
    }

    /**
     * The value of the Secret text credentials with this id, among Jenkins' global ones; asked on the sending thread
     * as each event is signed, so a rotated secret counts at once. Never logged.
     */
    @CheckForNull
    private static String secret(String credentialsId) {
        StringCredentials credentials = GlobalCredentialsItems.find(StringCredentials.class, credentialsId);
        if (credentials == null) {
            LOGGER.warning(Messages.WebhookNotifier_NoCredentials(credentialsId));
            return null;
        }
        return credentials.getSecret().getPlainText();
    }
}
