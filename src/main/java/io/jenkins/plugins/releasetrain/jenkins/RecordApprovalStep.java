package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.approval.ApprovalAttempt;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.ApprovalPrompt;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.BoundAnswer;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.PromptBinding;
import io.jenkins.plugins.releasetrain.approval.UnboundAnswerException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Judges the answer to an approval prompt that {@code releaseApproval} issued in this build, and records it in
 * the ledger when it counts. The Pipeline names only the prompt's id. The answer is taken from the {@code input}
 * step with exactly that id, asked with exactly the words and submitters that were issued; who answered and
 * what they chose come from what the input step recorded for the authenticated user; and the release judged is
 * the one the prompt was issued for, as the build read it. So a script can neither approve in anybody's name,
 * nor turn an answer to another question into an approval, nor change what was approved after the answer.
 */
public class RecordApprovalStep extends Step {

    private final String prompt;

    @DataBoundConstructor
    public RecordApprovalStep(String prompt) {
        this.prompt = Util.fixEmptyAndTrim(prompt);
    }

    public String getPrompt() {
        return prompt;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "recordApproval";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RecordApprovalStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FlowExecution.class, Run.class, TaskListener.class);
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient RecordApprovalStep step;

        Execution(RecordApprovalStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step.prompt == null) {
                throw new AbortException(Messages.RecordApprovalStep_NoPrompt());
            }
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            IssuedPrompts issued = IssuedPrompts.find(run)
                    .orElseThrow(() -> new AbortException(Messages.IssuedPrompts_NotIssued(step.prompt, List.of())));
            ApprovalPrompt asked = issued.issued(step.prompt)
                    .map(IssuedPrompts.Issued::prompt)
                    .orElseThrow(() -> new AbortException(Messages.IssuedPrompts_NotIssued(step.prompt, List.of())));
            BoundAnswer answer;
            try {
                answer = PromptBinding.bind(
                        asked, InputAnswers.withId(getContext().get(FlowExecution.class), asked.id()));
            } catch (UnboundAnswerException e) {
                throw new AbortException(e.getMessage());
            }
            // Once: a second recordApproval of the same prompt, even from a parallel branch, is refused here.
            issued.judge(asked.id());
            BuildRecords.save(run, listener);
            ReleaseSource source = ReleaseSource.registered(run, asked.releaseId(), "recordApproval");
            ReleaseGate gate = ReleaseGate.read(run, source, listener);
            Identity identity = JenkinsIdentities.of(answer.approver());
            // The prompt of a release that may drop hotfixes said which (the kind is settled): answered knowing it.
            AttemptResult result = gate.judge(
                    new ApprovalAttempt(identity, answer.action(), answer.comment(), gate.droppingHotfixOn()));
            boolean recorded = result.shouldRecord() && gate.rule().isPresent();
            if (recorded) {
                ReleaseLedger.append(
                        gate.ledger(),
                        gate.release().environment().name(),
                        ReleaseBuilds.runId(run),
                        identity.user(),
                        List.of(LedgerApprovals.record(
                                result.event(),
                                gate.rule().get(),
                                Map.of(
                                        LedgerApprovals.JOB,
                                        run.getParent().getFullName(),
                                        LedgerApprovals.BUILD,
                                        String.valueOf(run.getNumber())))),
                        listener);
            }
            listener.getLogger().println(result.judgement().message());
            ReleaseAction releaseAction = ReleaseAction.of(run, gate.release(), source.path());
            releaseAction.judged(result.judgement(), recorded);
            releaseAction.decided(result.decision(), gate.rule(), null);
            BuildRecords.save(run, listener);
            // Only what reached the ledger: an answer that does not count is no approval to announce.
            if (recorded) {
                ReleaseEventListener.fire(
                        ReleaseEvents.judged(
                                run,
                                gate.release(),
                                answer.action(),
                                identity.user(),
                                result.decision(),
                                result.judgement().message()),
                        run,
                        listener);
            }
            Map<String, Object> map = ApprovalMaps.attempt(result, recorded);
            map.put("message", result.judgement().message());
            return ScriptValues.copyOf(map);
        }
    }
}
