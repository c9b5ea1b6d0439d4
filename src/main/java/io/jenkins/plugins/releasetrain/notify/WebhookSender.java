package io.jenkins.plugins.releasetrain.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one event to one webhook: the body signed with HMAC-SHA256 when the webhook has a secret, tried again after
 * a growing pause when the receiver is unreachable, too slow, or answers 429 or 5xx, within the webhook's attempts.
 * It never throws: how it went is the {@link Delivery}, whose message names neither the secret nor the URL's path.
 */
public final class WebhookSender {

    /** The signature header: {@code sha256=<hex HMAC-SHA256 of the body>}, as GitHub's webhooks sign theirs. */
    public static final String SIGNATURE_HEADER = "X-Release-Train-Signature";
    /** The event's type ({@code failed}), so a receiver can route without parsing the body. */
    public static final String EVENT_HEADER = "X-Release-Train-Event";

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final HttpClient client;
    private final Secrets secrets;

    public WebhookSender(HttpClient client, Secrets secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    /** A sender with its own HTTP client that follows no redirects (a redirect could take the body elsewhere). */
    public static WebhookSender create(Secrets secrets) {
        return new WebhookSender(
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                secrets);
    }

    /**
     * How one delivery went.
     *
     * @param delivered whether the receiver took it (a 2xx answer)
     * @param attempts how many requests were made
     * @param message what happened, for a log line
     */
    public record Delivery(boolean delivered, int attempts, String message) {}

    public Delivery send(Webhook webhook, ReleaseEvent event) throws InterruptedException {
        byte[] body = WebhookPayloads.body(webhook.format(), event);
        Optional<byte[]> secret;
        try {
            secret = secrets.of(webhook);
        } catch (IllegalStateException e) {
            return new Delivery(false, 0, "not sent: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(webhook.timeout())
                .header("Content-Type", WebhookPayloads.contentType(webhook.format()))
                .header("User-Agent", "release-train")
                .header(EVENT_HEADER, event.type().label())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        secret.ifPresent(s -> request.header(SIGNATURE_HEADER, "sha256=" + sign(s, body)));
        HttpRequest built = request.build();
        String last = "";
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; attempt <= webhook.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
            try {
                HttpResponse<Void> response = client.send(built, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Delivery(true, attempt, "delivered to " + webhook.display() + " (" + status + ")");
                }
                last = "answered " + status;
                if (status != 429 && status < 500) {
                    // The receiver refuses this request; sending it again would be refused again.
                    return new Delivery(false, attempt, "refused by " + webhook.display() + ": " + last);
                }
            } catch (java.net.http.HttpTimeoutException e) {
                last = "no answer within " + webhook.timeout().toMillis() + " ms";
            } catch (IOException e) {
                last = "unreachable (" + e.getClass().getSimpleName() + ")";
            }
        }
        return new Delivery(
                false,
                webhook.attempts(),
                "not delivered to " + webhook.display() + " after " + webhook.attempts() + " attempts: " + last);
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}: what the signature header carries. */
    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
