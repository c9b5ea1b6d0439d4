package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.ApprovalPrompt;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.changelog.ChangelogMaps;
import io.jenkins.plugins.releasetrain.changelog.ChangelogSummary;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Whether the release of a manifest may run now in its environment, under the protection rule administrators
 * configured: allowed, needs approvals (and the prompt to ask them with), or refused, with the reason in words.
 */
public class ReleaseApprovalStep extends ReleaseStep {

    private int round = 1;
    private String jobTemplate;

    @DataBoundConstructor
    public ReleaseApprovalStep(String manifest) {
        super(manifest);
    }

    public int getRound() {
        return round;
    }

    @DataBoundSetter
    public void setRound(int round) {
        this.round = round;
    }

    @CheckForNull
    public String getJobTemplate() {
        return jobTemplate;
    }

    @DataBoundSetter
    public void setJobTemplate(String jobTemplate) {
        this.jobTemplate = Util.fixEmptyAndTrim(jobTemplate);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "releaseApproval";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseApprovalStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // No workspace: a build waiting for approval should hold no executor (pass release: instead).
            return Set.of(Run.class, TaskListener.class);
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient ReleaseApprovalStep step;

        Execution(ReleaseApprovalStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ReleaseSource source = step.source(getContext(), "releaseApproval");
            ReleaseGate gate = ReleaseGate.read(run, source, listener);
            JobTemplate template = JobTemplates.forPipeline(step.jobTemplate);
            Optional<ReleaseChangelog> changelog = ReleaseChangelogs.of(run, gate.plan(), listener);
            // Before any decision: a release that would take a live hotfix away is not put to approvers at all,
            // unless the Pipeline says why; then approvers read what it drops, and approve that too.
            List<String> drops = ReleaseHotfixGuard.enforce(
                    ReleaseHotfixGuard.dropped(
                            gate.ledger(),
                            gate.plan(),
                            gate.kind().isHotfix() || gate.rollback().isPresent(),
                            () -> changelog),
                    gate,
                    listener);
            PromotionScope scope = PromotionScope.changed()
                    .withAlwaysRun(
                            gate.rollback().map(ReleaseRollback::alwaysRun).orElse(Set.of()));
            String planText = PromotionPlan.of(gate.plan(), template, scope).describe()
                    + changelog
                            .map(c -> "\nWhat it brings:\n  " + String.join("\n  ", ChangelogSummary.lines(c)) + "\n")
                            .orElse("")
                    + (drops.isEmpty() ? "" : "\n" + String.join("\n  ", drops) + "\n");
            Decision decision = gate.decide();
            ReleaseAction action = ReleaseAction.of(run, gate.release(), source.path());
            Optional<ApprovalPrompt> prompt;
            try {
                // The first thing approvers read of a rollback is that it is one, and where it goes back to.
                prompt = ApprovalPrompt.of(
                        decision,
                        gate.rule(),
                        gate.rollback().map(ReleaseRollback::describe),
                        drops.isEmpty() ? List.of() : List.of(drops.get(0)),
                        planText,
                        link(action),
                        step.round);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            if (prompt.isPresent()) {
                // Kept before it is asked: recordApproval counts only an answer to a prompt issued here.
                IssuedPrompts.of(run).issue(prompt.get());
            }
            decision.explanation().forEach(listener.getLogger()::println);
            action.decided(decision, gate.rule(), planText);
            changelog.ifPresent(c -> action.changelog(ChangelogSummary.full(c)));
            BuildRecords.save(run, listener);
            // Told once the prompt is issued (or the freeze found): by this step, about the release it read.
            if (prompt.isPresent()) {
                ReleaseEventListener.fire(
                        ReleaseEvents.awaitingApproval(run, gate.release(), decision, prompt.get()), run, listener);
            } else if (ReleaseEvents.isFrozen(decision)) {
                ReleaseEventListener.fire(ReleaseEvents.frozen(run, gate.release(), decision), run, listener);
            }
            Map<String, Object> result = ApprovalMaps.decision(decision);
            result.put("allowed", decision.isAllowed());
            result.put("prompt", prompt.map(ApprovalPrompt::toMap).orElse(null));
            result.put("plan", planText);
            result.put("changelog", changelog.map(ChangelogMaps::changelog).orElse(null));
            result.put("release", gate.release().id().value());
            return ScriptValues.copyOf(result);
        }

        private static Optional<String> link(ReleaseAction action) {
            String root = Jenkins.get().getRootUrl();
            if (root == null || action.getRun() == null) {
                return Optional.empty();
            }
            return Optional.of(root + action.getRun().getUrl() + action.getUrlName() + "/");
        }
    }
}
