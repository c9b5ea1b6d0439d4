package io.jenkins.plugins.releasetrain.plan;

import java.util.Optional;

/**
 * Which deployment job template a promotion started from a Pipeline uses. Administrators who chose a template
 * decide which jobs deploy; a Pipeline may choose another only where they allowed it. Where they chose none, a
 * Pipeline may name its own. The plan recorded in the ledger and the jobs triggered use the template chosen here.
 */
public final class JobTemplateChoice {

    private JobTemplateChoice() {}

    /**
     * @param configured the administrators' template, empty when they chose none
     * @param pipelineMayChoose whether administrators let Pipelines use another template than theirs
     * @param requested the template the Pipeline asks for, if any
     * @throws IllegalArgumentException with the reason in words when the request is refused or malformed
     */
    public static JobTemplate choose(
            Optional<String> configured, boolean pipelineMayChoose, Optional<String> requested) {
        if (requested.isEmpty() || requested.equals(configured)) {
            return configured.map(JobTemplate::new).orElse(JobTemplate.DEFAULT);
        }
        if (configured.isPresent() && !pipelineMayChoose) {
            throw new IllegalArgumentException("This Pipeline asks for the deployment job template '"
                    + requested.get() + "', but administrators set the template to '" + configured.get()
                    + "' and do not let Pipelines choose another (Manage Jenkins > System > Release Train:"
                    + " 'Pipelines may choose the deployment job template'). Leave jobTemplate out.");
        }
        JobTemplate.problem(requested.get()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new JobTemplate(requested.get());
    }
}
