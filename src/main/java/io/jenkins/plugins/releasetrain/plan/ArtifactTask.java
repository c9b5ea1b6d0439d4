package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;

/** The work of one artifact of a release: deploy it, or tag its image. */
@FunctionalInterface
public interface ArtifactTask {

    /**
     * Does the work and says how it ended; a failure of the work is an outcome, not an exception.
     *
     * @throws InterruptedException when the run is cancelled; the task stops what it started first
     */
    TaskOutcome run(Release release, Artifact artifact) throws InterruptedException;
}
