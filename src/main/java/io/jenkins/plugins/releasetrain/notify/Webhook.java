package io.jenkins.plugins.releasetrain.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where to send release events, as an administrator configured it (a policy file, the Jenkins global
 * configuration), never a manifest or a Jenkinsfile.
 *
 * @param url an absolute http or https URL
 * @param format the body: a CloudEvent, or a Slack-compatible message
 * @param secretEnv the environment variable holding the HMAC secret, if the body is to be signed
 * @param secretFile the file holding the HMAC secret, if the body is to be signed
 * @param events the events to send; empty means every event
 * @param timeout how long one attempt may take
 * @param attempts how many attempts in all (1 to 5), with growing pauses between them
 */
public record Webhook(
        URI url,
        Format format,
        Optional<String> secretEnv,
        Optional<Path> secretFile,
        Set<EventType> events,
        Duration timeout,
        int attempts) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final int MAX_ATTEMPTS = 5;
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public Webhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secretEnv, "secretEnv");
        Objects.requireNonNull(secretFile, "secretFile");
        events = Set.copyOf(events);
        Objects.requireNonNull(timeout, "timeout");
        if (!url.isAbsolute()
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL is an absolute http:// or https:// URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "a webhook URL carries no user name or password; sign the body with a secret instead");
        }
        if (secretEnv.isPresent() && secretFile.isPresent()) {
            throw new IllegalArgumentException("give the secret as secretEnv or secretFile, not both");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a webhook's timeout is more than 0 and at most 30s, not " + timeout);
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("a webhook is tried 1 to " + MAX_ATTEMPTS + " times, not " + attempts);
        }
    }

    /** A webhook sending every event as a CloudEvent, unsigned, with the default timeout and attempts. */
    public static Webhook to(URI url) {
        return new Webhook(
                url,
                Format.CLOUDEVENTS,
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                DEFAULT_TIMEOUT,
                DEFAULT_ATTEMPTS);
    }

    public boolean wants(EventType type) {
        return events.isEmpty() || events.contains(type);
    }

    public boolean signed() {
        return secretEnv.isPresent() || secretFile.isPresent();
    }

    /**
     * The URL as messages may show it: scheme, host and port only. Chat webhooks carry their secret in the path
     * (Slack's {@code /services/T…/B…/…}), so the path never reaches a log.
     */
    public String display() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** What the body is. */
    public enum Format {
        /** A CloudEvents 1.0 event in structured mode ({@code application/cloudevents+json}). */
        CLOUDEVENTS("cloudevents"),
        /** A Slack incoming-webhook message: {@code {"text": ...}} with links. */
        SLACK("slack");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Format> of(String label) {
            for (Format format : values()) {
                if (format.label.equals(label)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }
    }
}
