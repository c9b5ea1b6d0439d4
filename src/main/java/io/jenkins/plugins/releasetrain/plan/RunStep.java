package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run does with one artifact of its release: run its task, or record {@code skip} without running
 * anything (already live, succeeded before, no registry).
 */
public record RunStep(Artifact artifact, ChangeKind change, Optional<TaskOutcome> skip) {

    public RunStep {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(skip, "skip");
    }

    static RunStep toRun(Artifact artifact, ChangeKind change) {
        return new RunStep(artifact, change, Optional.empty());
    }

    static RunStep toRecord(Artifact artifact, ChangeKind change, TaskOutcome outcome) {
        return new RunStep(artifact, change, Optional.of(outcome));
    }

    public boolean runs() {
        return skip.isEmpty();
    }
}
