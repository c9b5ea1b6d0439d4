package io.jenkins.plugins.releasetrain.jenkins;

import io.jenkins.plugins.releasetrain.approval.PromptAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graph.StepNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;

/**
 * The answered {@code input} prompts of a build with a given id, read from the build's flow graph: the
 * arguments each was asked with (as Jenkins kept them with the step) and what its submitter gave (as the
 * input step recorded on its own node when the authenticated user submitted it). Nothing here comes from the
 * Pipeline script's variables.
 */
final class InputAnswers {

    /** The function name of pipeline-input-step's step. */
    private static final String INPUT = "input";

    private InputAnswers() {}

    static List<PromptAnswer> withId(FlowExecution execution, String id) {
        List<PromptAnswer> answers = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
            if (!isInput(node)) {
                continue;
            }
            Map<String, Object> arguments = ArgumentsAction.getArguments(node);
            if (!id.equals(arguments.get("id"))) {
                continue;
            }
            InputSubmittedAction submitted = node.getAction(InputSubmittedAction.class);
            if (submitted == null) {
                continue; // still waiting, or aborted: no answer to judge
            }
            answers.add(new PromptAnswer(
                    id,
                    text(arguments.get("message")),
                    text(arguments.get("submitter")),
                    Optional.ofNullable(submitted.getApprover()),
                    submitted.getParameters()));
        }
        return answers;
    }

    private static boolean isInput(FlowNode node) {
        if (!(node instanceof StepNode step)) {
            return false;
        }
        StepDescriptor descriptor = step.getDescriptor();
        return descriptor != null && INPUT.equals(descriptor.getFunctionName());
    }

    /** A kept string argument; anything else (not kept because too long, or masked) is unknown. */
    private static Optional<String> text(Object argument) {
        return argument instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
