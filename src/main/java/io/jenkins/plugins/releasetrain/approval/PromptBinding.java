package io.jenkins.plugins.releasetrain.approval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binds an answer to the approval prompt a release asked. An answer counts only when it was given through a
 * prompt with exactly the id the release issued, shown with exactly the message and submitters the release
 * produced, answered once, by a signed-in user, with an explicit choice among the actions offered. Anything
 * else (another prompt's answer, the same id asked with other words, a missing decision) is refused, so a
 * Pipeline script cannot turn a click on some other question into an approval of this release.
 */
public final class PromptBinding {

    /** The prompt parameter holding the answer: one of {@link ApprovalPrompt#actions()}. */
    public static final String DECISION = "decision";
    /** The prompt parameter holding the approver's comment. */
    public static final String COMMENT = "comment";

    private PromptBinding() {}

    /**
     * The answer to {@code issued}, from the answered prompts of the build that carry its id.
     *
     * @param answered every answered prompt of the build whose id is {@code issued.id()}
     */
    public static BoundAnswer bind(ApprovalPrompt issued, List<PromptAnswer> answered) throws UnboundAnswerException {
        List<PromptAnswer> mine =
                answered.stream().filter(a -> a.promptId().equals(issued.id())).toList();
        if (mine.isEmpty()) {
            throw new UnboundAnswerException("Nobody has answered the approval prompt " + issued.id()
                    + " in this build; only an answer to that prompt counts for release "
                    + issued.releaseId().substring(0, 12) + ".");
        }
        if (mine.size() > 1) {
            throw new UnboundAnswerException("The approval prompt " + issued.id() + " was asked and answered "
                    + mine.size() + " times in this build; an approval counts only through the one prompt the"
                    + " release asked, so none of these answers counts.");
        }
        PromptAnswer answer = mine.get(0);
        requireShown("message", issued.id(), issued.message(), answer.message());
        requireShown("submitter", issued.id(), issued.submitter(), answer.submitter());
        String approver = answer.approver()
                .filter(a -> !a.isBlank())
                .orElseThrow(() -> new UnboundAnswerException("The approval prompt " + issued.id()
                        + " was answered by nobody signed in; only an authenticated user's answer counts."));
        ApprovalAction action = decision(issued, answer);
        Object comment = answer.values().get(COMMENT);
        return new BoundAnswer(approver, action, comment == null ? "" : comment.toString());
    }

    private static void requireShown(String what, String id, String issued, Optional<String> shown)
            throws UnboundAnswerException {
        if (shown.isEmpty()) {
            throw new UnboundAnswerException("The " + what + " the approval prompt " + id + " was shown with is not"
                    + " on record, so nobody can tell what its answer approved; it does not count.");
        }
        if (!shown.get().equals(issued)) {
            throw new UnboundAnswerException("The approval prompt " + id + " was answered, but it was shown with"
                    + " another " + what + " than the release asked with; only the release's own prompt counts.");
        }
    }

    private static ApprovalAction decision(ApprovalPrompt issued, PromptAnswer answer) throws UnboundAnswerException {
        Object value = answer.values().get(DECISION);
        if (value == null || value.toString().isBlank()) {
            throw new UnboundAnswerException("The answer to the approval prompt " + issued.id()
                    + " has no decision; an answer that does not say " + String.join(" or ", issued.actions())
                    + " is not an approval.");
        }
        String label = value.toString().strip().toLowerCase(Locale.ROOT);
        if (!issued.actions().contains(label)) {
            throw new UnboundAnswerException("The answer to the approval prompt " + issued.id() + " chose '"
                    + Wording.printable(value.toString()) + "', which that prompt did not offer ("
                    + String.join(", ", issued.actions()) + ").");
        }
        return ApprovalAction.fromLabel(label);
    }
}
