package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.LedgerRecord;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionScope;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured ledger, as the steps read and write it. Each write takes the environment's ledger lock for
 * that write only: the Lockable Resources lock of {@code promoteRelease} is what keeps one release at a time
 * per environment, and it survives controller restarts, which an operating-system lock cannot.
 */
final class ReleaseLedger {

    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private ReleaseLedger() {}

    static Ledger get() {
        return ReleaseTrainConfiguration.get().ledger();
    }

    /** What is live in the release's environment, artifact by artifact, compared with the release. */
    static ReleasePlan planAgainstLedger(Ledger ledger, Release release, TaskListener listener) throws AbortException {
        try {
            EnvironmentLedger recorded = ledger.read(release.environment().name());
            recorded.warnings().forEach(w -> listener.getLogger().println(w.format()));
            EnvironmentState state = recorded.state();
            return ReleasePlan.of(release, new DeployedArtifacts(state.deployedArtifacts(), state.productVersions()));
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
    }

    /**
     * The promotion of {@code release}: planned against {@code deployed} when given, else against what the ledger
     * records as live; with {@code resume}, leaving out what earlier runs of the release already did. A rollback
     * is planned against the ledger only, runs the images whose tag moved since, and does not resume.
     */
    static PromotionPlan promotionPlan(
            Ledger ledger,
            Release release,
            Optional<Release> deployed,
            JobTemplate jobTemplate,
            boolean all,
            boolean resume,
            Optional<ReleaseRollback> rollback,
            TaskListener listener)
            throws AbortException {
        if (rollback.isPresent() && (deployed.isPresent() || resume)) {
            // Its earlier run of the same release succeeded: resume would leave out everything it must restore.
            throw new AbortException(Messages.ReleaseLedger_RollbackAsIs());
        }
        ReleasePlan plan =
                deployed.isPresent() ? ReleasePlan.of(release, deployed) : planAgainstLedger(ledger, release, listener);
        Set<String> succeeded = Set.of();
        if (resume) {
            try {
                succeeded = ledger.read(release.environment().name()).succeededArtifacts(release.id());
            } catch (LedgerException e) {
                throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
            }
            if (succeeded.isEmpty()) {
                listener.getLogger().println(Messages.ReleasePlanStep_NothingRecorded());
            }
        }
        try {
            PromotionScope scope = PromotionScope.of(all, resume, succeeded)
                    .withAlwaysRun(rollback.map(ReleaseRollback::alwaysRun).orElse(Set.of()));
            return PromotionPlan.of(plan, jobTemplate, scope);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    static void append(
            Ledger ledger,
            String environment,
            RunId runId,
            String actor,
            List<? extends LedgerRecord> records,
            TaskListener listener)
            throws AbortException {
        if (records.isEmpty()) {
            return;
        }
        try (EnvironmentLock lock = ledger.lock(environment, runId, actor, LOCK_WAIT, locked -> {
            // Parallel branches of one run append in turn; only another run's hold is worth a line.
            if (locked.holder().filter(h -> h.runId().equals(runId)).isEmpty()) {
                listener.getLogger().println(Messages.ReleaseLedger_Waiting(locked.getMessage()));
            }
        })) {
            lock.appendAll(records);
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unwritable(ledger.directory(), e.getMessage()));
        }
    }
}
