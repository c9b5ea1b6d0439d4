package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;

/** The deployment job template of a step's promotion, as administrators let the Pipeline choose it. */
final class JobTemplates {

    private JobTemplates() {}

    static JobTemplate forPipeline(@CheckForNull String requested) throws AbortException {
        try {
            return ReleaseTrainConfiguration.get().jobTemplateFor(requested);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
