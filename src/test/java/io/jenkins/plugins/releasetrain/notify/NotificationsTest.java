package io.jenkins.plugins.releasetrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release events sent to a real HTTP receiver on 127.0.0.1: signed, retried within a bound, never blocking. */
class NotificationsTest {

    private static final String SECRET = "s3cret-shared-with-the-receiver";
    private static final ReleaseEvent FAILED = ReleaseEvent.of(
                    EventType.FAILED,
                    "production-us-east-2",
                    "5b1f0e2d88c3" + "0".repeat(52),
                    Optional.of("20261204T101502Z-3f9a1c"),
                    Instant.parse("2026-12-04T10:15:02Z"),
                    "production-us-east-2: release 5b1f0e2d88c3 failed (7 deployed, 2 failed) <&>")
            .withLink("https://jenkins.example.com/job/release/42/");

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aCloudEventArrivesSignedWithHmacSha256OverTheBody() throws Exception {
        Webhook webhook = signed(receiver.uri("/hooks/release"), Webhook.Format.CLOUDEVENTS);

        WebhookSender.Delivery delivery = sender().send(webhook, FAILED);

        assertThat(delivery.delivered()).as(delivery.message()).isTrue();
        WebhookReceiver.Received request = receiver.next(Duration.ofSeconds(5));
        assertThat(request.header("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(request.header(WebhookSender.EVENT_HEADER)).isEqualTo("failed");
        String expected = "sha256=" + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), request.body());
        assertThat(request.header(WebhookSender.SIGNATURE_HEADER)).isEqualTo(expected);
        assertThat(WebhookSender.sign("another secret".getBytes(StandardCharsets.UTF_8), request.body()))
                .as("a forger without the secret cannot sign")
                .isNotEqualTo(expected.substring("sha256=".length()));
        JsonNode event = new ObjectMapper().readTree(request.body());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo(FAILED.id());
        assertThat(event.get("type").asText()).isEqualTo("io.jenkins.plugins.releasetrain.release.failed");
        assertThat(event.get("source").asText()).isEqualTo("urn:release-train");
        assertThat(event.get("subject").asText()).isEqualTo("production-us-east-2");
        assertThat(event.get("time").asText()).isEqualTo("2026-12-04T10:15:02Z");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data").get("runId").asText()).isEqualTo("20261204T101502Z-3f9a1c");
        assertThat(event.get("data").get("link").asText()).isEqualTo("https://jenkins.example.com/job/release/42/");
    }

    @Test
    void aSlackWebhookGetsTextWithALinkAndEscapedMarkup() throws Exception {
        WebhookSender.Delivery delivery =
                sender().send(signed(receiver.uri("/services/T0/B0/xyz"), Webhook.Format.SLACK), FAILED);

        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.message()).as("the path holds Slack's secret").doesNotContain("/services");
        JsonNode message =
                new ObjectMapper().readTree(receiver.next(Duration.ofSeconds(5)).body());
        assertThat(message.get("text").asText())
                .isEqualTo("production-us-east-2: release 5b1f0e2d88c3 failed (7 deployed, 2 failed) &lt;&amp;&gt;"
                        + " <https://jenkins.example.com/job/release/42/|open>");
    }

    @Test
    void serverErrorsAreRetriedWithinTheAttemptsAndRefusalsAreNot() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(() -> calls.incrementAndGet() < 3 ? 503 : 204);
        WebhookSender.Delivery retried = sender().send(signed(receiver.uri("/a"), Webhook.Format.CLOUDEVENTS), FAILED);
        assertThat(retried.delivered()).isTrue();
        assertThat(retried.attempts()).isEqualTo(3);

        receiver.answering(() -> 400);
        WebhookSender.Delivery refused = sender().send(signed(receiver.uri("/b"), Webhook.Format.CLOUDEVENTS), FAILED);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.attempts()).as("a 400 would be refused again").isEqualTo(1);
        assertThat(refused.message())
                .isEqualTo("refused by " + receiver.uri("").toString().replaceAll("/$", "") + ": answered 400");

        receiver.answering(() -> 500);
        WebhookSender.Delivery given = sender().send(
                        new Webhook(
                                receiver.uri("/c"),
                                Webhook.Format.CLOUDEVENTS,
                                Optional.empty(),
                                Optional.empty(),
                                Set.of(),
                                Duration.ofSeconds(2),
                                2),
                        FAILED);
        assertThat(given.delivered()).isFalse();
        assertThat(given.message()).endsWith("after 2 attempts: answered 500");
    }

    @Test
    void publishingNeverWaitsForTheReceiver() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        receiver.holdingUntil(answer);
        Notifications notifications = new Notifications(
                List.of(signed(receiver.uri("/held"), Webhook.Format.CLOUDEVENTS)), sender(), log::add);
        try {
            // The receiver answers nothing until the test lets it: a publish that waited for it would never return.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> notifications.publish(FAILED));
            assertThat(receiver.next(Duration.ofSeconds(5)))
                    .as("it is being delivered meanwhile")
                    .isNotNull();
        } finally {
            answer.countDown();
        }
        notifications.close(Duration.ofSeconds(10));
        assertThat(log).as("delivered once the receiver answered").isEmpty();
    }

    @Test
    void aSlowReceiverIsGivenUpOnWithinItsTimeoutAndAttempts() throws Exception {
        receiver.holding(Duration.ofSeconds(3));
        Webhook slow = new Webhook(
                receiver.uri("/slow"),
                Webhook.Format.CLOUDEVENTS,
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Duration.ofMillis(300),
                2);
        Notifications notifications = new Notifications(List.of(slow), sender(), log::add);

        notifications.publish(FAILED);
        notifications.close(Duration.ofSeconds(10));

        assertThat(receiver.all()).hasSize(2);
        assertThat(log).singleElement().asString().contains("after 2 attempts: no answer within 300 ms");
    }

    @Test
    void closingGivesUpOnWhatIsStillQueuedAfterItsBoundAndSaysSo() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        receiver.holdingUntil(never);
        Notifications notifications = new Notifications(
                List.of(new Webhook(
                        receiver.uri("/stuck"),
                        Webhook.Format.CLOUDEVENTS,
                        Optional.empty(),
                        Optional.empty(),
                        Set.of(),
                        Duration.ofSeconds(30),
                        1)),
                sender(),
                log::add);
        notifications.publish(FAILED);
        notifications.publish(FAILED);
        try {
            notifications.close(Duration.ofMillis(500));
        } finally {
            never.countDown();
        }
        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("notifications: gave up after 500 ms with 1 not sent and one under way"));
    }

    @Test
    void onlyTheEventsAWebhookAsksForAreSent() throws Exception {
        Webhook failures = new Webhook(
                receiver.uri("/failures"),
                Webhook.Format.CLOUDEVENTS,
                Optional.empty(),
                Optional.empty(),
                Set.of(EventType.FAILED, EventType.VERIFICATION_FAILED),
                Webhook.DEFAULT_TIMEOUT,
                1);
        Notifications notifications = new Notifications(List.of(failures), sender(), log::add);
        notifications.publish(ReleaseEvent.of(
                EventType.SUCCEEDED, "staging", "ab".repeat(32), Optional.empty(), Instant.now(), "fine"));
        notifications.publish(FAILED);
        notifications.close(Duration.ofSeconds(10));

        assertThat(receiver.all())
                .singleElement()
                .satisfies(r -> assertThat(r.header(WebhookSender.EVENT_HEADER)).isEqualTo("failed"));
        assertThat(log).isEmpty();
    }

    @Test
    void aMissingSecretSendsNothingAndNamesTheVariableNotAValue(@TempDir Path dir) throws Exception {
        Webhook fromEnv = new Webhook(
                receiver.uri("/x"),
                Webhook.Format.CLOUDEVENTS,
                Optional.of("RELEASE_HOOK_SECRET"),
                Optional.empty(),
                Set.of(),
                Webhook.DEFAULT_TIMEOUT,
                1);
        WebhookSender.Delivery missing =
                new WebhookSender(java.net.http.HttpClient.newHttpClient(), Secrets.of(Map.of())).send(fromEnv, FAILED);
        assertThat(missing.delivered()).isFalse();
        assertThat(missing.attempts()).isZero();
        assertThat(missing.message())
                .isEqualTo("not sent: the environment variable RELEASE_HOOK_SECRET (the secret of the webhook to "
                        + receiver.uri("").toString().replaceAll("/$", "") + ") is not set");
        WebhookSender.Delivery noCredentials = new WebhookSender(
                        java.net.http.HttpClient.newHttpClient(),
                        new Secrets(Map.<String, String>of()::get, "the Secret text credentials"))
                .send(fromEnv, FAILED);
        assertThat(noCredentials.message())
                .as("Jenkins names its credentials, not an environment variable")
                .startsWith("not sent: the Secret text credentials RELEASE_HOOK_SECRET (the secret of the webhook");
        assertThat(receiver.next(Duration.ofMillis(200))).isNull();

        Path secretFile = Files.writeString(dir.resolve("hook.secret"), SECRET + "\n");
        Webhook fromFile = new Webhook(
                receiver.uri("/y"),
                Webhook.Format.CLOUDEVENTS,
                Optional.empty(),
                Optional.of(secretFile),
                Set.of(),
                Webhook.DEFAULT_TIMEOUT,
                1);
        assertThat(sender().send(fromFile, FAILED).delivered()).isTrue();
        WebhookReceiver.Received request = receiver.next(Duration.ofSeconds(5));
        assertThat(request.header(WebhookSender.SIGNATURE_HEADER))
                .as("the file's trailing newline is not part of the secret")
                .isEqualTo("sha256=" + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), request.body()));
    }

    @Test
    void aWebhookRefusesUrlsThatCannotBeRight() {
        for (String url : List.of("ftp://example.com/x", "/relative", "https://user:pw@example.com/x")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Webhook.to(java.net.URI.create(url)))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private Webhook signed(java.net.URI url, Webhook.Format format) {
        return new Webhook(
                url,
                format,
                Optional.of("RELEASE_HOOK_SECRET"),
                Optional.empty(),
                Set.of(),
                Webhook.DEFAULT_TIMEOUT,
                Webhook.DEFAULT_ATTEMPTS);
    }

    private static WebhookSender sender() {
        return WebhookSender.create(Secrets.of(Map.of("RELEASE_HOOK_SECRET", SECRET)));
    }
}
