package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.approval.ApprovalPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval prompts {@code releaseApproval} issued in a build, kept on the controller with the build: an
 * answer counts only through one of these, asked exactly as issued, and each counts once. What the Pipeline
 * passes to {@code recordApproval} is only the prompt's id; the release it approves comes from here.
 */
public final class IssuedPrompts extends InvisibleAction {

    /** One issued prompt, and whether its answer has been judged. */
    static final class Issued {
        private final String id;
        private final String releaseId;
        private final String message;
        private final String submitter;
        private final ArrayList<String> actions;
        private final boolean judged;

        Issued(ApprovalPrompt prompt, boolean judged) {
            this.id = prompt.id();
            this.releaseId = prompt.releaseId();
            this.message = prompt.message();
            this.submitter = prompt.submitter();
            this.actions = new ArrayList<>(prompt.actions());
            this.judged = judged;
        }

        ApprovalPrompt prompt() {
            return new ApprovalPrompt(id, releaseId, message, submitter, actions);
        }

        boolean judged() {
            return judged;
        }
    }

    // Replaced, never changed in place, so that the build's XML can be written while a step issues a prompt.
    private volatile ArrayList<Issued> prompts = new ArrayList<>();

    private IssuedPrompts() {}

    static IssuedPrompts of(Run<?, ?> run) {
        return RunActions.getOrAdd(run, IssuedPrompts.class, IssuedPrompts::new);
    }

    static Optional<IssuedPrompts> find(Run<?, ?> run) {
        return Optional.ofNullable(run.getAction(IssuedPrompts.class));
    }

    /**
     * Keeps a prompt about to be asked. Asking a round again (its approvals so far may have changed its words)
     * replaces it, unless its answer was already judged: that id has been used.
     */
    synchronized void issue(ApprovalPrompt prompt) throws AbortException {
        Optional<Issued> earlier = issued(prompt.id());
        if (earlier.filter(Issued::judged).isPresent()) {
            throw new AbortException(Messages.IssuedPrompts_AlreadyJudged(prompt.id()));
        }
        ArrayList<Issued> next = new ArrayList<>(prompts);
        next.removeIf(p -> p.id.equals(prompt.id()));
        next.add(new Issued(prompt, false));
        prompts = next;
    }

    Optional<Issued> issued(String id) {
        return prompts.stream().filter(p -> p.id.equals(id)).findFirst();
    }

    /**
     * Marks a prompt's answer as judged, once: a second judgement of the same prompt (a Pipeline calling
     * {@code recordApproval} twice, or two parallel branches at once) is refused.
     */
    synchronized ApprovalPrompt judge(String id) throws AbortException {
        Issued issued = issued(id).orElseThrow(() -> new AbortException(Messages.IssuedPrompts_NotIssued(id, ids())));
        if (issued.judged) {
            throw new AbortException(Messages.IssuedPrompts_AlreadyJudged(id));
        }
        ArrayList<Issued> next = new ArrayList<>(prompts);
        next.replaceAll(p -> p == issued ? new Issued(p.prompt(), true) : p);
        prompts = next;
        return issued.prompt();
    }

    private List<String> ids() {
        return prompts.stream().map(p -> p.id).toList();
    }
}
