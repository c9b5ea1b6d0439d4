package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import io.jenkins.plugins.releasetrain.approval.ApprovalAttempt;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * Judges the answer to the {@code input} step that ran just before it, as the approval rules see the person
 * who gave it, and records it in the ledger when it counts. Who answered and what they answered are read from
 * what the input step recorded on the controller, never from the Pipeline script, so a script cannot approve
 * in anybody's name.
 */
public class RecordApprovalStep extends Step {

    /** The input parameter holding the answer: an {@link ApprovalAction} label such as {@code approve}. */
    static final String DECISION = "decision";
    /** The input parameter holding the approver's comment. */
    static final String COMMENT = "comment";

    private final String manifest;

    @DataBoundConstructor
    public RecordApprovalStep(String manifest) {
        this.manifest = Util.fixEmptyAndTrim(manifest);
    }

    public String getManifest() {
        return manifest;
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
            return Set.of(FilePath.class, FlowNode.class, Run.class, TaskListener.class);
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
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
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            InputSubmittedAction answer = answer(getContext().get(FlowNode.class));
            String approver = answer.getApprover();
            if (approver == null) {
                throw new AbortException(Messages.RecordApprovalStep_Anonymous());
            }
            Map<String, Object> parameters = answer.getParameters();
            ApprovalAction action;
            try {
                Object decision = parameters.get(DECISION);
                action = decision == null
                        ? ApprovalAction.APPROVE
                        : ApprovalAction.fromLabel(decision.toString().trim());
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.RecordApprovalStep_UnknownDecision(parameters.get(DECISION)));
            }
            Object comment = parameters.get(COMMENT);
            Identity identity = JenkinsIdentities.of(approver);
            ReleaseGate gate = ReleaseGate.read(run, getContext().get(FilePath.class), step.manifest, listener);
            AttemptResult result =
                    gate.judge(new ApprovalAttempt(identity, action, comment == null ? "" : comment.toString()));
            boolean recorded = result.shouldRecord() && gate.rule().isPresent();
            if (recorded) {
                ReleaseLedger.append(
                        gate.ledger(),
                        gate.release().environment().name(),
                        ReleaseBuilds.runId(run),
                        identity.user(),
                        List.of(LedgerApprovals.record(
                                result.event(), gate.rule().get())),
                        listener);
            }
            listener.getLogger().println(result.judgement().message());
            ReleaseAction releaseAction = ReleaseAction.of(run, gate.release(), step.manifest);
            releaseAction.judged(result.judgement(), recorded);
            releaseAction.decided(result.decision(), null);
            releaseAction.save();
            Map<String, Object> map = ApprovalMaps.attempt(result, recorded);
            map.put("message", result.judgement().message());
            return ScriptValues.copyOf(map);
        }

        /** What the input step just before this one recorded: who submitted it, and the values given. */
        private static InputSubmittedAction answer(FlowNode node) throws AbortException {
            for (FlowNode previous : node.getParents()) {
                InputSubmittedAction answer = previous.getAction(InputSubmittedAction.class);
                if (answer != null) {
                    return answer;
                }
            }
            throw new AbortException(Messages.RecordApprovalStep_NoInput());
        }
    }
}
