package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.approval.AutomaticRollbacks;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.manifest.Release;

/**
 * The rollback an environment's rule makes itself after a build's release failed its verification ({@code
 * onVerificationFailure: rollback}): whether {@code recordRelease event: 'verified'} tells the Pipeline to read it
 * ({@code readReleaseRollback automatic: true}, which checks again and is the authority).
 */
final class AutomaticRollback {

    private AutomaticRollback() {}

    /** Whether the rule rolls back after {@code verified}, just recorded for this build's run of {@code release}. */
    static boolean asked(Run<?, ?> run, Release release, ReleaseVerified verified) throws AbortException {
        if (verified.passed()) {
            return false;
        }
        String environment = release.environment().name();
        Ledger ledger = ReleaseLedger.get();
        try {
            return AutomaticRollbacks.refusal(ReleaseGate.rule(environment), ledger.read(environment), verified.runId())
                    .isEmpty();
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
    }
}
