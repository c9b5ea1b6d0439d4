package io.jenkins.plugins.releasetrain.image;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long to retry a transient registry failure: at most {@code maxAttempts} attempts,
 * with full-jitter exponential backoff from {@code initialBackoff} up to {@code maxBackoff}, and never
 * past {@code maxTotal} after the first attempt began.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotal, "maxTotal");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1..100, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
    }

    /** The upper bound of the random wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration backoffCeiling(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        long millis = initialBackoff.toMillis() << shift;
        if (millis < 0 || millis > maxBackoff.toMillis()) {
            millis = maxBackoff.toMillis();
        }
        return Duration.ofMillis(millis);
    }
}
