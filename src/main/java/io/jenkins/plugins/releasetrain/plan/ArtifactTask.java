package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;

/** The work of one artifact of a release: deploy it, or tag its image. */
@FunctionalInterface
public interface ArtifactTask {

    /**
     * Does the work and says how it ended; a failure of the work is an outcome, not an exception. When the
     * run is cancelled (the thread is interrupted), the task stops what it started, then returns a failed
     * outcome or throws {@link InterruptedException}.
     */
    TaskOutcome run(Release release, Artifact artifact) throws InterruptedException;
}
