package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs the environment's verification after a release deployed: the {@code verify} handler, with the release's
 * context and the artifacts the run deployed, as many times as allowed until it passes.
 */
final class ReleaseVerification {

    private final HandlerTask task;
    private final Path verifier;
    private final int attempts;
    private final Clock clock;

    ReleaseVerification(HandlerTask task, Path verifier, int attempts, Clock clock) {
        this.task = task;
        this.verifier = verifier;
        this.attempts = attempts;
        this.clock = clock;
    }

    ReleaseVerified verify(Release release, RunId runId, String actor, List<String> deployed)
            throws InterruptedException {
        Instant started = clock.instant();
        TaskOutcome outcome = null;
        int attempt = 0;
        while (attempt < attempts) {
            attempt++;
            outcome = task.run(verifier, ReleaseContext.ofVerification(release, runId.value(), deployed));
            if (outcome.status() == ArtifactStatus.SUCCEEDED
                    || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        boolean passed = outcome.status() == ArtifactStatus.SUCCEEDED;
        String message = outcome.message() + (attempt > 1 ? " (attempt " + attempt + " of " + attempts + ")" : "");
        Instant ended = clock.instant();
        return new ReleaseVerified(
                runId, release.id(), actor, ended, passed, message, started, ended, attempt, outcome.output());
    }
}
