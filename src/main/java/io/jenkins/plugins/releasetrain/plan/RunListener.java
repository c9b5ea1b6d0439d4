package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.LockHolder;
import io.jenkins.plugins.releasetrain.ledger.RunId;

/** What a run tells as it goes, for progress output; called on the thread that called {@link ReleaseRunner#run}. */
public interface RunListener {

    RunListener NONE = new RunListener() {};

    /** The environment is locked by another run and this one waits for it. */
    default void waitingForLock(EnvironmentLockedException locked) {}

    /** The lock was left by a process that died while holding it; its run may be incomplete. */
    default void staleLockReplaced(LockHolder stale) {}

    /** The run is recorded as started; {@code preview} is what it is about to do. */
    default void started(RunId runId, RunPreview preview) {}

    /** One artifact's result was recorded. */
    default void recorded(ArtifactResult result) {}

    /** Every artifact deployed; the environment's verification starts now. */
    default void verifying(RunId runId) {}
}
