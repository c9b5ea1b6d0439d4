package io.jenkins.plugins.releasetrain.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends release events to the configured webhooks on a thread of its own, so that a slow or dead receiver never
 * holds a release up: {@link #publish} only queues. {@link #close} waits a bounded time for what is queued, then
 * says what was left unsent. Each delivery's outcome goes to {@code log} (never a secret, never a URL's path).
 */
public final class Notifications implements AutoCloseable {

    /** Events waiting to be sent at most; past that, new ones are dropped and said to be. */
    static final int QUEUE_LIMIT = 100;

    private final List<Webhook> webhooks;
    private final WebhookSender sender;
    private final Consumer<String> log;
    private final ThreadPoolExecutor worker;

    public Notifications(List<Webhook> webhooks, WebhookSender sender, Consumer<String> log) {
        this.webhooks = List.copyOf(webhooks);
        this.sender = webhooks.isEmpty() ? sender : Objects.requireNonNull(sender, "sender");
        this.log = Objects.requireNonNull(log, "log");
        this.worker = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT), runnable -> {
                    Thread thread = new Thread(runnable, "release-train-notifications");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Nothing configured: events go nowhere. */
    public static Notifications none() {
        return new Notifications(List.of(), null, line -> {});
    }

    public boolean isEmpty() {
        return webhooks.isEmpty();
    }

    /** Queues {@code event} for every webhook that wants it; returns at once. */
    public void publish(ReleaseEvent event) {
        for (Webhook webhook : webhooks) {
            if (!webhook.wants(event.type())) {
                continue;
            }
            try {
                worker.execute(() -> deliver(webhook, event));
            } catch (RejectedExecutionException e) {
                log.accept("notification " + event.type().label() + " to " + webhook.display() + " dropped: "
                        + QUEUE_LIMIT + " are already waiting");
            }
        }
    }

    private void deliver(Webhook webhook, ReleaseEvent event) {
        try {
            WebhookSender.Delivery delivery = sender.send(webhook, event);
            if (!delivery.delivered()) {
                log.accept("notification " + event.type().label() + ": " + delivery.message());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.accept("notification " + event.type().label() + " to " + webhook.display() + " interrupted");
        } catch (RuntimeException e) {
            log.accept("notification " + event.type().label() + " to " + webhook.display() + " failed: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Waits up to {@code bound} for queued events to be sent, then gives up on the rest, saying so. */
    public void close(Duration bound) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                int left = worker.shutdownNow().size();
                log.accept("notifications: gave up after "
                        + (bound.toMillis() < 1000 ? bound.toMillis() + " ms" : bound.toSeconds() + " s") + " with "
                        + left
                        + " not sent and one under way");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    /** Waits up to 30 seconds: what a command does before it exits. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
