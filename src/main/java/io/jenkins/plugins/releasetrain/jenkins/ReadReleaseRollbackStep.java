package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.approval.AutomaticRollbacks;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.Rollbacks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Reads where a rollback of an environment goes from its ledger on the controller: the earlier run that succeeded
 * there (the one before the latest release, or the run or release named with {@code to}), its recorded manifest and
 * the exact digests its images had. The release is kept with the build like a manifest {@code readReleaseManifest}
 * read, marked as a rollback, and the steps that follow name it by its id.
 *
 * <p>Only the environment and, optionally, where to go come from the Pipeline: the content and the digests come
 * from the ledger, and only jobs the environment's rule allows to release there may read a rollback of it.
 */
public class ReadReleaseRollbackStep extends Step {

    private final String environment;
    private String to;
    private boolean automatic;

    @DataBoundConstructor
    public ReadReleaseRollbackStep(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    @CheckForNull
    public String getTo() {
        return to;
    }

    /** A ledger run id ({@code job#number}) or a release id (at least its first 7 characters). */
    @DataBoundSetter
    public void setTo(String to) {
        this.to = Util.fixEmptyAndTrim(to);
    }

    public boolean isAutomatic() {
        return automatic;
    }

    /**
     * The rule's own rollback after this build's release failed its verification ({@code onVerificationFailure:
     * rollback}): no approval. Refused unless the environment's rule asks for it and the environment's latest run
     * is this build's, which succeeded and then failed its verification; takes no {@code to}.
     */
    @DataBoundSetter
    public void setAutomatic(boolean automatic) {
        this.automatic = automatic;
    }

    /**
     * The rollback the build was started for, from its parameters {@code RELEASE_TRAIN_ROLLBACK_ENVIRONMENT} and
     * {@code RELEASE_TRAIN_ROLLBACK_TO} (as the release page's button starts it): {@code environment} and {@code to}.
     * They only name a run; where it goes and what it restores still come from the ledger.
     */
    static Optional<Map<String, Object>> requested(Run<?, ?> run) {
        ParametersAction parameters = run.getAction(ParametersAction.class);
        if (parameters == null) {
            return Optional.empty();
        }
        // All of them, declared or not: the button passes them to jobs that declare no parameters, and the build
        // must still roll back after a controller restart.
        Map<String, String> values = new HashMap<>();
        for (ParameterValue value : parameters.getAllParameters()) {
            if (value instanceof StringParameterValue string
                    && (string.getName().equals(ReleaseAction.ROLLBACK_TO)
                            || string.getName().equals(ReleaseAction.ROLLBACK_ENVIRONMENT))) {
                values.put(string.getName(), Util.fixEmptyAndTrim(string.getValue()));
            }
        }
        String to = values.get(ReleaseAction.ROLLBACK_TO);
        String environment = values.get(ReleaseAction.ROLLBACK_ENVIRONMENT);
        if (to == null || environment == null) {
            return Optional.empty();
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("environment", environment);
        request.put("to", to);
        return Optional.of(request);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "readReleaseRollback";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReadReleaseRollbackStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    /** The rollback the environment's latest run was, when it did not succeed (failed, cancelled, cut short). */
    private static Optional<RollbackOf> unfinishedRollback(EnvironmentLedger history) {
        return history.latestRun()
                .filter(run ->
                        run.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isEmpty())
                .flatMap(ReleaseRun::rollback);
    }

    /**
     * An approval-free rollback only when the rule asks for it and the environment's latest run is this very build's
     * run, which succeeded and failed its verification: the ledger and this build's own record say so, not the
     * Pipeline.
     */
    private static void requireAutomaticRollbackDue(Run<?, ?> run, EnvironmentLedger history) throws AbortException {
        String environment = history.environment();
        RunId own = ReleaseBuilds.runId(run);
        Optional<String> refusal = AutomaticRollbacks.refusal(ReleaseGate.rule(environment), history, own);
        if (refusal.isEmpty()) {
            // The ledger names runs by job and number: this build, not an earlier one of a job of the same name,
            // must have run and verified it.
            boolean ranHere = run.getActions(ReleaseAction.class).stream()
                    .anyMatch(a -> a.getEnvironment().equals(environment)
                            && own.value().equals(a.getRunId())
                            && a.isSucceeded()
                            && a.getVerification() != null);
            if (!ranHere) {
                refusal = Optional.of("this build did not run and verify run " + own + " of " + environment);
            }
        }
        if (refusal.isPresent()) {
            throw new AbortException(Messages.ReadReleaseRollbackStep_NotAutomatic(environment, refusal.get()));
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient ReadReleaseRollbackStep step;

        Execution(ReadReleaseRollbackStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
            if (step.environment == null || !configuration.isKnownEnvironment(step.environment)) {
                throw new AbortException(Messages.ReadReleaseRollbackStep_UnknownEnvironment(
                        step.environment, configuration.environmentNames()));
            }
            if (step.automatic && step.to != null) {
                throw new AbortException(Messages.ReadReleaseRollbackStep_AutomaticTo());
            }
            // Who may release into an environment may roll it back, and nobody else.
            ReleaseJobs.requireAllowed(run, step.environment);
            RollbackTarget target;
            try {
                EnvironmentLedger history = ReleaseLedger.get().read(step.environment);
                history.warnings().forEach(w -> listener.getLogger().println(w.format()));
                Optional<RollbackOf> unfinished = unfinishedRollback(history);
                if (step.to == null && unfinished.isPresent()) {
                    // "Back" from a rollback that stopped half-way would go past the release it was restoring.
                    throw new AbortException(Messages.ReadReleaseRollbackStep_Unfinished(
                            step.environment,
                            history.latestRun().orElseThrow().runId(),
                            unfinished.get().to()));
                }
                if (step.automatic) {
                    requireAutomaticRollbackDue(run, history);
                }
                target = Rollbacks.find(history, Optional.ofNullable(step.to));
            } catch (InvalidRunException e) {
                throw new AbortException(e.getMessage());
            } catch (LedgerException e) {
                throw new AbortException(
                        Messages.ReleaseLedger_Unreadable(ReleaseLedger.get().directory(), e.getMessage()));
            }
            ReleaseRollback rollback = step.automatic
                    ? ReleaseRollback.afterFailedVerification(target)
                    : ReleaseRollback.requested(target);
            String releaseId = target.manifest().release().id().value();
            ReadReleases.of(run)
                    .registerRollback(
                            target.target().started().sourceName(),
                            target.target().started().sourceText(),
                            releaseId,
                            rollback);
            ReleaseAction.of(
                            run,
                            target.manifest().release(),
                            target.target().started().sourceName())
                    .rollingBackTo(target.target().runId().value());
            BuildRecords.save(run, listener);
            if (step.automatic) {
                listener.getLogger()
                        .println(Messages.ReadReleaseRollbackStep_ReadAutomatic(
                                ReleaseGate.ruleName(step.environment).orElse("-"),
                                step.environment,
                                ReleaseBuilds.runId(run)));
            }
            listener.getLogger()
                    .println(Messages.ReadReleaseRollbackStep_Read(
                            step.environment,
                            target.target().runId(),
                            target.target().releaseId().shortForm(),
                            target.from().map(r -> r.runId().value()).orElse("-"),
                            target.digests().size()));
            target.digests().forEach((image, digest) -> listener.getLogger().println("  " + image + " -> " + digest));
            Map<String, Object> result = ManifestMaps.release(target.manifest().release());
            result.put("rollback", rollback.toMap());
            return ScriptValues.copyOf(result);
        }
    }
}
