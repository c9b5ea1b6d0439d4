package io.jenkins.plugins.releasetrain.approval;

import java.util.Optional;

/**
 * Which jobs may release into which environment, as the CI server's administrators set it. The ledger's
 * evidence (approvals, successful upstream runs) counts only when a job allowed to release into that
 * environment wrote it, so that a job nobody allowed cannot fake the history another environment relies on.
 */
@FunctionalInterface
public interface JobPolicy {

    /** Every job may release anywhere: the command line, and servers that restrict nothing. */
    JobPolicy ANY = (environment, job) -> true;

    /**
     * Whether the job with this full name may release into {@code environment}.
     *
     * @param job the job's full name, empty when a record does not say which job wrote it
     */
    boolean allows(String environment, Optional<String> job);
}
