package io.jenkins.plugins.releasetrain.plan;

import java.util.Optional;

/**
 * A last check a run makes under the environment's lock, just before it records its start: whatever it
 * reads (approvals, rejections, promotion order) cannot change between the check and the run.
 */
@FunctionalInterface
public interface RunGate {

    /** Lets every run through. */
    RunGate OPEN = preview -> Optional.empty();

    /** Why {@code preview} may not run now, or nothing when it may. */
    Optional<String> refusal(RunPreview preview);
}
