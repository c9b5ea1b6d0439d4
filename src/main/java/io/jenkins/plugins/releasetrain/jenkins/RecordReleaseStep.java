package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.LedgerRecord;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords;
import io.jenkins.plugins.releasetrain.plan.VerificationRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Records a release run of this build in the ledger: its start, the results of some artifacts, its end, and how
 * its verification ended. The run is the build ({@code job#number}), and the actor the user who started it.
 */
public class RecordReleaseStep extends ReleaseStep {

    static final String STARTED = "started";
    static final String ARTIFACT = "artifact";
    static final String FINISHED = "finished";
    static final String VERIFIED = "verified";

    private final String event;
    private String jobTemplate;
    private String against;
    private boolean resume;
    private boolean all;
    private List<String> artifactIds;
    private String result;
    private String message;
    private String build;
    private String handler;
    private long startedAt;
    private boolean cancelled;
    private int attempts;
    private int verifyAttempts;
    private String output;

    @DataBoundConstructor
    public RecordReleaseStep(String event, String manifest) {
        super(manifest);
        this.event = Util.fixEmptyAndTrim(event);
    }

    public String getEvent() {
        return event;
    }

    @CheckForNull
    public String getJobTemplate() {
        return jobTemplate;
    }

    /** The deployment job template of the plan recorded at the start: the one the jobs will be triggered with. */
    @DataBoundSetter
    public void setJobTemplate(String jobTemplate) {
        this.jobTemplate = Util.fixEmptyAndTrim(jobTemplate);
    }

    @CheckForNull
    public String getAgainst() {
        return against;
    }

    @DataBoundSetter
    public void setAgainst(String against) {
        this.against = Util.fixEmptyAndTrim(against);
    }

    public boolean isResume() {
        return resume;
    }

    @DataBoundSetter
    public void setResume(boolean resume) {
        this.resume = resume;
    }

    public boolean isAll() {
        return all;
    }

    @DataBoundSetter
    public void setAll(boolean all) {
        this.all = all;
    }

    @CheckForNull
    public List<String> getArtifactIds() {
        return artifactIds == null ? null : List.copyOf(artifactIds);
    }

    @DataBoundSetter
    public void setArtifactIds(List<String> artifactIds) {
        this.artifactIds = artifactIds == null ? null : new ArrayList<>(artifactIds);
    }

    @CheckForNull
    public String getResult() {
        return result;
    }

    @DataBoundSetter
    public void setResult(String result) {
        this.result = Util.fixEmptyAndTrim(result);
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @CheckForNull
    public String getBuild() {
        return build;
    }

    /** For {@code artifact}: the downstream build that deployed the artifacts ({@code release-jobs/lambda-job #12}). */
    @DataBoundSetter
    public void setBuild(String build) {
        this.build = Util.fixEmptyAndTrim(build);
    }

    @CheckForNull
    public String getHandler() {
        return handler;
    }

    /** For {@code artifact}: the Pipeline handler that deployed them, by its workflowBase. */
    @DataBoundSetter
    public void setHandler(String handler) {
        this.handler = Util.fixEmptyAndTrim(handler);
    }

    public long getStartedAt() {
        return startedAt;
    }

    @DataBoundSetter
    public void setStartedAt(long startedAt) {
        this.startedAt = startedAt;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @DataBoundSetter
    public void setCancelled(boolean cancelled) {
        this.cancelled = cancelled;
    }

    public int getAttempts() {
        return attempts;
    }

    /** For {@code verified}: how many times the verification ran (default 1). */
    @DataBoundSetter
    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public int getVerifyAttempts() {
        return verifyAttempts;
    }

    /** For {@code verified}: how many times it could run (default {@code attempts}), for the message. */
    @DataBoundSetter
    public void setVerifyAttempts(int verifyAttempts) {
        this.verifyAttempts = verifyAttempts;
    }

    @CheckForNull
    public String getOutput() {
        return output;
    }

    /** For {@code verified}: what the verification printed or returned; only the tail is kept. */
    @DataBoundSetter
    public void setOutput(String output) {
        this.output = output;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "recordRelease";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RecordReleaseStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillEventItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.RecordReleaseStep_Started(), STARTED);
            items.add(Messages.RecordReleaseStep_Artifact(), ARTIFACT);
            items.add(Messages.RecordReleaseStep_Finished(), FINISHED);
            items.add(Messages.RecordReleaseStep_Verified(), VERIFIED);
            return items;
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient RecordReleaseStep step;

        Execution(RecordReleaseStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ReleaseSource source = step.source(getContext(), "recordRelease");
            LoadedManifest loaded = source.loaded();
            Release release = loaded.release();
            String environment = release.environment().name();
            ReleaseJobs.requireAllowed(run, environment);
            RunId runId = ReleaseBuilds.runId(run, release);
            String actor = ReleaseBuilds.actor(run);
            Ledger ledger = ReleaseLedger.get();
            PromotionRecords records = new PromotionRecords(runId, release, actor);
            Instant now = Instant.now();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("runId", runId.value());
            answer.put("releaseId", release.id().value());
            answer.put("environment", environment);
            if (VERIFIED.equals(step.event)) {
                // Before any action is added: a build that did not run this release gets nothing from trying.
                answer.putAll(verified(run, listener, ledger, records, release, runId, actor, now));
                BuildRecords.save(run, listener);
                return ScriptValues.copyOf(answer);
            }
            ReleaseAction action = ReleaseAction.of(run, release, source.path());
            try {
                switch (String.valueOf(step.event)) {
                    case STARTED -> {
                        Optional<ReleaseRollback> rollback =
                                ReadReleases.rollback(run, release.id().value());
                        PromotionPlan plan = plan(ledger, release, rollback);
                        Map<String, String> details = ReleaseBuilds.details(run, ReleaseGate.gitAuthors(run, release));
                        // A rollback's start says what it restores and what it rolls back, as the command line's.
                        rollback.ifPresent(r -> details.putAll(r.details()));
                        // As is a hotfix, or a release that drops one (the approval gate judged it by the same kind).
                        ReleaseKind kind = ReadReleases.kind(run, release.id().value());
                        if (kind.isHotfix()) {
                            details.put(ReleaseStarted.KIND, ReleaseStarted.HOTFIX);
                        }
                        details.putAll(
                                ReleaseHotfixGuard.details(run, ledger, release, kind, rollback.isPresent(), listener));
                        Map<String, String> leftOut = new LinkedHashMap<>();
                        plan.skipped().forEach(s -> leftOut.put(s.artifact().id(), s.reason()));
                        ReleaseLedger.append(
                                ledger,
                                environment,
                                runId,
                                actor,
                                List.of(records.started(loaded, plan.plan(), now, details)),
                                listener);
                        action.started(runId.value(), plan.describe(), leftOut);
                        ReleaseEventListener.fire(ReleaseEvents.started(run, release, runId), run, listener);
                        listener.getLogger().println(Messages.RecordReleaseStep_RecordedStart(runId, environment));
                    }
                    case ARTIFACT -> {
                        ReleaseGate.requireLetThrough(run, release);
                        List<ArtifactResult> results = artifacts(run, records, now).stream()
                                .filter(r -> !action.hasOutcome(r.artifactId()))
                                .toList();
                        // Once per artifact and build: a branch interrupted while recording is recorded again
                        // after the others, and a record that had already reached the ledger is not repeated.
                        if (!results.isEmpty()) {
                            ReleaseLedger.append(ledger, environment, runId, actor, results, listener);
                            action.recorded(results);
                        }
                        answer.put("statuses", action.statuses(step.artifactIds));
                    }
                    case FINISHED -> {
                        List<ArtifactResult> leftOut =
                                step.cancelled ? List.of() : records.leftOut(action.leftOut(), now);
                        List<ArtifactResult> runResults = new ArrayList<>(ledger.read(environment)
                                .run(runId)
                                .map(ReleaseRun::results)
                                .orElse(List.of()));
                        runResults.addAll(leftOut);
                        List<ArtifactStatus> statuses =
                                runResults.stream().map(ArtifactResult::status).toList();
                        ReleaseFinished finished = records.finished(statuses, step.cancelled, now, action.grounds());
                        List<LedgerRecord> written = new ArrayList<>(leftOut);
                        written.add(finished);
                        ReleaseLedger.append(ledger, environment, runId, actor, written, listener);
                        action.recorded(leftOut);
                        action.finished(finished.status());
                        ReleaseEventListener.fire(ReleaseEvents.finished(run, release, runId, finished), run, listener);
                        if (finished.status() == ReleaseStatus.SUCCEEDED
                                && ReadReleases.kind(run, release.id().value()).isHotfix()) {
                            ReleaseEventListener.fire(ReleaseEvents.hotfix(run, release, runId), run, listener);
                        }
                        answer.put("status", finished.status().label());
                        // Whether a verification follows, and what it is told, is decided here, not in the script.
                        answer.put(
                                "verification",
                                VerificationRequest.after(release, finished, runResults)
                                        .map(VerificationRequest::toMap)
                                        .orElse(null));
                        listener.getLogger()
                                .println(Messages.RecordReleaseStep_RecordedEnd(
                                        runId, environment, finished.status().label()));
                    }
                    default -> throw new AbortException(Messages.RecordReleaseStep_UnknownEvent(step.event));
                }
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            BuildRecords.save(run, listener);
            return ScriptValues.copyOf(answer);
        }

        /**
         * Records how the verification of this build's run ended. Only this build's own run can be verified, in an
         * environment its job may release into, once, and only after the run succeeded: the ledger says so, not
         * the Pipeline. A Jenkinsfile cannot name another run, and the environment is the release's own.
         */
        private Map<String, Object> verified(
                Run<?, ?> run,
                TaskListener listener,
                Ledger ledger,
                PromotionRecords records,
                Release release,
                RunId runId,
                String actor,
                Instant now)
                throws AbortException {
            String environment = release.environment().name();
            ReleaseGate.requireLetThrough(run, release);
            if (step.result == null) {
                throw new AbortException(Messages.RecordReleaseStep_VerifiedNeeds());
            }
            Optional<ReleaseAction> action =
                    ReleaseAction.find(run, release).filter(a -> runId.value().equals(a.getRunId()) && a.isSucceeded());
            if (action.isEmpty()) {
                throw new AbortException(Messages.RecordReleaseStep_NothingToVerify(
                        release.id().shortForm(), environment, runId.value()));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            // One verification per run: checked and written by one step of the build at a time.
            synchronized (action.get()) {
                EnvironmentLedger recorded;
                try {
                    recorded = ledger.read(environment);
                } catch (LedgerException e) {
                    throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
                }
                boolean succeeded = recorded.run(runId)
                        .filter(r -> r.releaseId().equals(release.id()))
                        .flatMap(ReleaseRun::status)
                        .filter(ReleaseStatus.SUCCEEDED::equals)
                        .isPresent();
                if (!succeeded) {
                    throw new AbortException(Messages.RecordReleaseStep_NothingToVerify(
                            release.id().shortForm(), environment, runId.value()));
                }
                if (recorded.verification(runId).isPresent()) {
                    throw new AbortException(Messages.RecordReleaseStep_AlreadyVerified(runId.value(), environment));
                }
                int attempts = Math.max(1, step.attempts);
                ReleaseVerified verified;
                try {
                    verified = records.verified(
                            PromotionRecords.SUCCESS.equals(step.result),
                            step.message,
                            attempts,
                            step.verifyAttempts > 0 ? step.verifyAttempts : attempts,
                            step.startedAt > 0 ? Instant.ofEpochMilli(step.startedAt) : now,
                            now,
                            step.output);
                } catch (IllegalArgumentException e) {
                    throw new AbortException(e.getMessage());
                }
                ReleaseLedger.append(ledger, environment, runId, actor, List.of(verified), listener);
                action.get().verified(verified);
                if (!verified.passed()) {
                    ReleaseEventListener.fire(
                            ReleaseEvents.verificationFailed(run, release, runId, verified), run, listener);
                }
                listener.getLogger()
                        .println(Messages.RecordReleaseStep_RecordedVerification(
                                runId, environment, verified.label(), verified.message()));
                answer.put("passed", verified.passed());
                answer.put("verification", verified.label());
                answer.put("message", verified.message());
                answer.put("attempts", verified.attempts());
                answer.put("rollback", AutomaticRollback.asked(run, release, verified));
            }
            return answer;
        }

        private PromotionPlan plan(Ledger ledger, Release release, Optional<ReleaseRollback> rollback)
                throws IOException, InterruptedException {
            Optional<Release> deployed = Optional.empty();
            if (step.against != null) {
                try {
                    deployed = Optional.of(ManifestFiles.read(getContext().get(FilePath.class), step.against)
                            .release());
                } catch (ManifestException e) {
                    throw new AbortException(e.getMessage());
                }
            }
            // The same plan releasePlan printed just before, with its warnings: not printed twice.
            return ReleaseLedger.promotionPlan(
                    ledger,
                    release,
                    deployed,
                    JobTemplates.forPipeline(step.jobTemplate),
                    step.all,
                    step.resume,
                    rollback,
                    TaskListener.NULL);
        }

        private List<ArtifactResult> artifacts(Run<?, ?> run, PromotionRecords records, Instant now)
                throws AbortException {
            if (step.artifactIds == null || step.artifactIds.isEmpty() || step.result == null) {
                throw new AbortException(Messages.RecordReleaseStep_ArtifactNeeds());
            }
            ImagePromotionAction images = run.getAction(ImagePromotionAction.class);
            Map<String, PromotionRecords.ImageOutcome> outcomes = new LinkedHashMap<>();
            if (images != null) {
                for (String artifactId : step.artifactIds) {
                    Optional<PromotionRecords.ImageOutcome> outcome = images.latest(artifactId);
                    outcome.ifPresent(o -> outcomes.put(artifactId, o));
                }
            }
            Instant started = step.startedAt > 0 ? Instant.ofEpochMilli(step.startedAt) : now;
            Map<String, String> deployedBy = new LinkedHashMap<>();
            if (step.build != null) {
                deployedBy.put(ArtifactResult.BUILD, step.build);
            }
            if (step.handler != null) {
                deployedBy.put(ArtifactResult.HANDLER, step.handler);
            }
            return records.branch(step.artifactIds, step.result, step.message, outcomes, started, now, deployedBy);
        }
    }
}
