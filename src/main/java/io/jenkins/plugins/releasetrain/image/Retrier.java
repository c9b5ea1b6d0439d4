package io.jenkins.plugins.releasetrain.image;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** Runs an operation under a {@link RetryPolicy}, retrying only {@link RegistryException#retryable()} failures. */
public final class Retrier {

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt of the retried operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws RegistryException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;

    public Retrier(RetryPolicy policy, Sleeper sleeper, LongSupplier nanoClock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public <T> T call(Attempt<T> attempt) throws RegistryException {
        long start = nanoClock.getAsLong();
        for (int number = 1; ; number++) {
            try {
                return attempt.run();
            } catch (RegistryException e) {
                if (!e.retryable() || number >= policy.maxAttempts()) {
                    throw number > 1 ? withAttempts(e, number) : e;
                }
                Duration wait = waitBefore(number, e);
                Duration spent = Duration.ofNanos(nanoClock.getAsLong() - start);
                if (spent.plus(wait).compareTo(policy.maxTotal()) > 0) {
                    throw withAttempts(e, number);
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RegistryException(
                            "interrupted while waiting to retry: " + e.getMessage(), false, null, e);
                }
            }
        }
    }

    /** Full jitter spreads concurrent clients; a registry's Retry-After is a floor we always honour. */
    private Duration waitBefore(int attempt, RegistryException failure) {
        long ceiling = policy.backoffCeiling(attempt).toMillis();
        Duration jitter =
                Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        return asked.compareTo(jitter) > 0 ? asked : jitter;
    }

    private static RegistryException withAttempts(RegistryException e, int attempts) {
        return new RegistryException(e.getMessage() + " (after " + attempts + " attempts)", false, null, e);
    }
}
