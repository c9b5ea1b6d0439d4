package io.jenkins.plugins.releasetrain.image;

import java.util.Objects;

/**
 * How a promotion runs.
 *
 * @param dryRun      read everything, decide everything, write nothing
 * @param force       move a destination tag that points at another digest (refused otherwise: moving an
 *                    environment tag is a deliberate act)
 * @param concurrency images in flight at once, 1..64
 * @param retry       bound on retries of transient failures, per registry operation
 * @param sleeper     how retries wait (tests record instead of sleeping)
 */
public record PromotionOptions(
        boolean dryRun, boolean force, int concurrency, RetryPolicy retry, Retrier.Sleeper sleeper) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 64;

    public static final PromotionOptions DEFAULTS = new PromotionOptions(
            false, false, DEFAULT_CONCURRENCY, RetryPolicy.DEFAULT, duration -> Thread.sleep(duration.toMillis()));

    public PromotionOptions {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sleeper, "sleeper");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ", not " + concurrency);
        }
    }

    public PromotionOptions withDryRun(boolean value) {
        return new PromotionOptions(value, force, concurrency, retry, sleeper);
    }

    public PromotionOptions withForce(boolean value) {
        return new PromotionOptions(dryRun, value, concurrency, retry, sleeper);
    }

    public PromotionOptions withConcurrency(int value) {
        return new PromotionOptions(dryRun, force, value, retry, sleeper);
    }

    public PromotionOptions withRetry(RetryPolicy value) {
        return new PromotionOptions(dryRun, force, concurrency, value, sleeper);
    }

    public PromotionOptions withSleeper(Retrier.Sleeper value) {
        return new PromotionOptions(dryRun, force, concurrency, retry, value);
    }
}
