package io.jenkins.plugins.releasetrain.jenkins;

import hudson.PluginWrapper;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.changelog.ManifestCheck;
import jenkins.model.Jenkins;

/**
 * Publishes a manifest's check through the Checks API plugin when it is installed, so that GitHub and GitLab
 * show it on the pull request; without the plugin it says so once in the log and does nothing else. Nothing
 * here names the Checks API's classes, so this links on a Jenkins without it; {@link ChecksApiPublisher} does,
 * and is only reached once the plugin is known to be active.
 */
final class ManifestCheckPublication {

    static final String PLUGIN = "checks-api";

    private ManifestCheckPublication() {}

    static void publish(Run<?, ?> run, TaskListener listener, ManifestCheck check) {
        PluginWrapper plugin = Jenkins.get().getPluginManager().getPlugin(PLUGIN);
        if (plugin == null || !plugin.isActive()) {
            listener.getLogger().println(Messages.ManifestCheckPublication_NoChecksApi());
            return;
        }
        ChecksApiPublisher.publish(run, listener, check);
    }
}
