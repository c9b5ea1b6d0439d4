package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.approval.JobPatterns;
import io.jenkins.plugins.releasetrain.approval.JobPolicy;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import java.util.Optional;

/**
 * Which jobs may release into an environment: the allowed jobs of the protection rule that covers it (any job
 * where no rule does, or the rule names none). Every step that writes an environment's ledger, or decides
 * from it, asks here first.
 */
final class ReleaseJobs {

    private ReleaseJobs() {}

    /** Refuses a build of a job the environment's rule does not allow, naming the rule and the setting to change. */
    static void requireAllowed(Run<?, ?> run, String environment) throws AbortException {
        Optional<ProtectionRule> rule = ReleaseGate.rule(environment);
        if (rule.isEmpty()) {
            return;
        }
        JobPatterns allowed = patterns(rule.get());
        String job = run.getParent().getFullName();
        if (!allowed.allows(Optional.of(job))) {
            throw new AbortException(
                    Messages.ReleaseJobs_NotAllowed(job, environment, rule.get().name(), allowed.describe()));
        }
    }

    /** The evidence filter of the ledger: what a job not allowed into an environment wrote there does not count. */
    static JobPolicy policy() throws AbortException {
        // Resolved once per decision: which rule covers which environment does not change within it.
        java.util.Map<String, JobPatterns> byEnvironment = new java.util.HashMap<>();
        for (String environment : ReleaseLedger.get().environments()) {
            byEnvironment.put(
                    environment,
                    ReleaseGate.rule(environment).map(ReleaseJobs::patterns).orElse(JobPatterns.any()));
        }
        return (environment, job) ->
                byEnvironment.getOrDefault(environment, JobPatterns.any()).allows(job);
    }

    private static JobPatterns patterns(ProtectionRule rule) {
        return ReleaseTrainConfiguration.get().getProtectionRules().stream()
                .filter(r -> r.getName().equals(rule.name()))
                .findFirst()
                .map(ReleaseProtectionRule::jobPatterns)
                .orElse(JobPatterns.any());
    }
}
