package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A run's verification ended: after every artifact deployed, the environment's verification (smoke tests,
 * health checks) ran against what is live, and passed or failed.
 *
 * @param passed   whether the release is verified
 * @param message  why, for people: {@code exit 0}, {@code exit 1 after 3 attempts}, {@code timed out after 5m}
 * @param attempts how many times it ran (retries included)
 * @param output   the tail of what the last attempt printed
 */
public record ReleaseVerified(
        RunId runId,
        ReleaseId releaseId,
        String actor,
        Instant time,
        boolean passed,
        String message,
        Instant started,
        Instant ended,
        int attempts,
        String output)
        implements LedgerRecord {

    public ReleaseVerified {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(output, "output");
        if (attempts < 1) {
            throw new IllegalArgumentException("a verification ran at least once: " + attempts);
        }
    }

    /** {@code verified} or {@code verification failed}, as history and the board say it. */
    public String label() {
        return passed ? "verified" : "verification failed";
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }
}
