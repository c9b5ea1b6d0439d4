package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import java.util.Objects;

/**
 * How one artifact's task ended, before it is timed and recorded.
 *
 * @param message why, for people: {@code exit 0}, {@code timed out after 30m}, {@code no --registry given}
 * @param output  the tail of what the task printed; empty when nothing ran
 */
public record TaskOutcome(ArtifactStatus status, String message, String output) {

    public TaskOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(output, "output");
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
