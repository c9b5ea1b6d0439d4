package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;

/**
 * Writes a build's record (its build.xml) after a step changed what the build shows. The release ledger is
 * the record of truth and was written before; the build record is the build page's copy. Other plugins'
 * actions may change while a parallel branch writes the build (Jenkins then fails to serialize it), so a failed
 * write is tried once more and otherwise reported, never allowed to fail a step whose work is done: Jenkins
 * writes the build again at the next change and when it ends.
 */
final class BuildRecords {

    private BuildRecords() {}

    static void save(Run<?, ?> run, TaskListener listener) {
        try {
            run.save();
        } catch (IOException | RuntimeException first) {
            try {
                run.save();
            } catch (IOException | RuntimeException second) {
                listener.getLogger().println(Messages.BuildRecords_NotSaved(second.getMessage()));
            }
        }
    }
}
