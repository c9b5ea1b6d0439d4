package io.jenkins.plugins.releasetrain.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a release runs.
 *
 * @param concurrency  how many artifacts run at once
 * @param timeout      how long one deployment handler may run before it and its children are killed
 * @param resume       run only what did not succeed in the latest run of the same release
 * @param all          run unchanged artifacts too (already live with this content)
 * @param outputLimit  how many bytes of each handler's output to keep (the tail)
 * @param verifyAttempts how many times the environment's verification may run before it counts as failed
 * @param alwaysRun    artifacts that run even when already live with the same manifest entry: a rollback's
 *     images whose destination tag has moved since the run it goes back to
 */
public record RunOptions(
        int concurrency,
        Duration timeout,
        boolean resume,
        boolean all,
        int outputLimit,
        int verifyAttempts,
        Set<String> alwaysRun) {

    public RunOptions(
            int concurrency, Duration timeout, boolean resume, boolean all, int outputLimit, int verifyAttempts) {
        this(concurrency, timeout, resume, all, outputLimit, verifyAttempts, Set.of());
    }

    public static final int MAX_VERIFY_ATTEMPTS = 10;

    public RunOptions(int concurrency, Duration timeout, boolean resume, boolean all, int outputLimit) {
        this(concurrency, timeout, resume, all, outputLimit, 1, Set.of());
    }

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_OUTPUT_LIMIT = 16 * 1024;

    public RunOptions {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(
                    "concurrency must be between 1 and " + MAX_CONCURRENCY + ": " + concurrency);
        }
        Objects.requireNonNull(timeout, "timeout");
        alwaysRun = Set.copyOf(alwaysRun);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        if (outputLimit < 0) {
            throw new IllegalArgumentException("the output limit cannot be negative: " + outputLimit);
        }
        if (verifyAttempts < 1 || verifyAttempts > MAX_VERIFY_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "verification runs 1 to " + MAX_VERIFY_ATTEMPTS + " times, not " + verifyAttempts);
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, false, false, DEFAULT_OUTPUT_LIMIT);
    }

    public RunOptions withConcurrency(int value) {
        return new RunOptions(value, timeout, resume, all, outputLimit, verifyAttempts, alwaysRun);
    }

    public RunOptions withTimeout(Duration value) {
        return new RunOptions(concurrency, value, resume, all, outputLimit, verifyAttempts, alwaysRun);
    }

    public RunOptions withResume(boolean value) {
        return new RunOptions(concurrency, timeout, value, all, outputLimit, verifyAttempts, alwaysRun);
    }

    public RunOptions withAll(boolean value) {
        return new RunOptions(concurrency, timeout, resume, value, outputLimit, verifyAttempts, alwaysRun);
    }

    public RunOptions withVerifyAttempts(int value) {
        return new RunOptions(concurrency, timeout, resume, all, outputLimit, value, alwaysRun);
    }

    public RunOptions withAlwaysRun(Set<String> value) {
        return new RunOptions(concurrency, timeout, resume, all, outputLimit, verifyAttempts, value);
    }
}
