package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.RegistryImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.image.RegistryChoice;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.util.List;
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
            Optional<RegistryChoice> registry = registry(source);
            if (registry.isEmpty()) {
                return Optional.of(source.changelogs(run, ImageOrigins.NONE).of(plan));
            }
            return Optional.of(RegistryConnections.with(
                    run,
                    registry.get(),
                    images -> source.changelogs(run, new RegistryImageOrigins(images))
                            .of(plan)));
        } catch (IOException e) {
            // Approvers can still decide without it; the log says why it is missing.
            listener.getLogger().println(Messages.ReleaseChangelogs_Unavailable(e.getMessage()));
            return Optional.empty();
        }
    }

    /** The configured registry the changelog reads image labels from: only one administrators configured. */
    private static Optional<RegistryChoice> registry(ReleaseChangelogSource source) throws AbortException {
        if (source.getRegistry() == null) {
            return Optional.empty();
        }
        List<RegistryChoice.NamedRegistry> configured =
                ReleaseTrainConfiguration.get().namedRegistries();
        if (configured.stream().noneMatch(r -> r.name().equals(source.getRegistry()))) {
            throw new AbortException(Messages.ReleaseChangelogs_NoSuchRegistry(source.getRegistry()));
        }
        return Optional.of(RegistryChoice.of(Optional.of(source.getRegistry()), Optional.empty(), configured));
    }
}
