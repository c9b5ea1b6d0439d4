package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.Optional;

/** The changelog of a plan, when administrators configured where repositories are; otherwise none. */
final class ReleaseChangelogs {

    private ReleaseChangelogs() {}

    static Optional<ReleaseChangelog> of(Run<?, ?> run, ReleasePlan plan, TaskListener listener) {
        ReleaseChangelogSource source = ReleaseTrainConfiguration.get().getChangelog();
        if (source == null || !plan.hasWork()) {
            return Optional.empty();
        }
        try {
            return Optional.of(source.changelogs(run).of(plan));
        } catch (AbortException e) {
            // Approvers can still decide without it; the log says why it is missing.
            listener.getLogger().println(e.getMessage());
            return Optional.empty();
        }
    }
}
