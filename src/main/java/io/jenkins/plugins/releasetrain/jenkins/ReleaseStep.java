package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step about one release, named either by its manifest in the workspace ({@code manifest:}) or by the id of
 * a manifest the build read before ({@code release:}, which needs no workspace).
 */
public abstract class ReleaseStep extends Step {

    private final String manifest;
    private String release;

    protected ReleaseStep(@CheckForNull String manifest) {
        this.manifest = Util.fixEmptyAndTrim(manifest);
    }

    @CheckForNull
    public String getManifest() {
        return manifest;
    }

    @CheckForNull
    public String getRelease() {
        return release;
    }

    /** The id of a release this build read with {@code readReleaseManifest}: then no workspace is needed. */
    @DataBoundSetter
    public void setRelease(String release) {
        this.release = Util.fixEmptyAndTrim(release);
    }

    /** The release this step names, as the build read it (reading the manifest now if it names a file). */
    ReleaseSource source(StepContext context, String stepName) throws IOException, InterruptedException {
        return ReleaseSource.resolve(context.get(Run.class), context.get(FilePath.class), manifest, release, stepName);
    }
}
