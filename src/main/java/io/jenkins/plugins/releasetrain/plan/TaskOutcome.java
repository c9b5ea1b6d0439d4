package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import java.util.Map;
import java.util.Objects;

/**
 * How one artifact's task ended, before it is timed and recorded.
 *
 * @param message     why, for people: {@code exit 0}, {@code timed out after 30m}, {@code no --registry given}
 * @param output      the tail of what the task printed; empty when nothing ran
 * @param byInterrupt the task's process died of an interrupt signal (SIGINT, SIGTERM, SIGHUP): a terminal's
 *     Ctrl-C reaches the handlers and the runner at once, so this failure may be the run's own cancellation
 * @param details     facts for the record: the handler that ran, the digests an image tag pointed at
 */
public record TaskOutcome(
        ArtifactStatus status, String message, String output, boolean byInterrupt, Map<String, String> details) {

    public TaskOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(output, "output");
        details = Map.copyOf(details);
    }

    public TaskOutcome(ArtifactStatus status, String message, String output, boolean byInterrupt) {
        this(status, message, output, byInterrupt, Map.of());
    }

    public TaskOutcome(ArtifactStatus status, String message, String output) {
        this(status, message, output, false);
    }

    /** The same outcome with {@code more} facts for the record. */
    public TaskOutcome withDetails(Map<String, String> more) {
        Map<String, String> all = new java.util.TreeMap<>(details);
        all.putAll(more);
        return new TaskOutcome(status, message, output, byInterrupt, all);
    }

    /** A process that exited by an interrupt signal: a failure unless the run turns out to be cancelled. */
    public static TaskOutcome interrupted(String message, String output) {
        return new TaskOutcome(ArtifactStatus.FAILED, message, output, true);
    }

    /** Stopped because the run was cancelled. */
    public static TaskOutcome cancelled(String message, String output) {
        return new TaskOutcome(ArtifactStatus.CANCELLED, message, output);
    }

    public static TaskOutcome succeeded(String message, String output) {
        return new TaskOutcome(ArtifactStatus.SUCCEEDED, message, output);
    }

    public static TaskOutcome failed(String message, String output) {
        return new TaskOutcome(ArtifactStatus.FAILED, message, output);
    }

    public static TaskOutcome skipped(String reason) {
        return new TaskOutcome(ArtifactStatus.SKIPPED, reason, "");
    }

    public static TaskOutcome unchanged(String reason) {
        return new TaskOutcome(ArtifactStatus.UNCHANGED, reason, "");
    }

    public static TaskOutcome unchanged(String reason, String output) {
        return new TaskOutcome(ArtifactStatus.UNCHANGED, reason, output);
    }
}
