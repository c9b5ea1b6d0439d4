package io.jenkins.plugins.releasetrain.plan;

import java.time.Instant;
import java.util.Objects;

/** How a step ended, and when it began and ended. */
record StepResult(RunStep step, TaskOutcome outcome, Instant started, Instant ended) {

    StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
    }
}
