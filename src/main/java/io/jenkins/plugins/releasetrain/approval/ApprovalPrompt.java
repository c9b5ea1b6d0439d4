package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One round of asking people to let a waiting release through, as a CI server shows it (a Jenkins {@code
 * input} step): who may answer, what they may answer, and the text they read. Asking is only a convenience:
 * whatever is answered is judged again by {@link ApprovalGate#judge} before it counts.
 *
 * <p>The message is kept under {@link #MAX_MESSAGE_LENGTH} characters: Jenkins keeps a step's arguments (and so
 * the text an approver was shown, which the answer is checked against) only up to about a thousand characters.
 * A plan too long for that is left to the release's page, which the message links to.
 *
 * @param id the prompt's id, the same for a release and a round wherever it is asked (URL-safe)
 * @param releaseId the full id of the release the prompt asks about: the content an answer approves
 * @param submitter the users and groups who may answer, comma-separated; administrators can always answer a
 *     Jenkins prompt, and the judgement then decides whether that counts
 * @param actions what the answer may be, as {@link ApprovalAction#label()}s, the first being the usual one
 */
public record ApprovalPrompt(String id, String releaseId, String message, String submitter, List<String> actions) {

    /** The longest message a prompt is asked with, so that the CI server keeps it with the prompt. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    public ApprovalPrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(submitter, "submitter");
        actions = List.copyOf(actions);
    }

    /**
     * The prompt for a release that needs approvals; empty for a decision that no answer can change now
     * (allowed, or refused).
     *
     * @param plan the plan as shown in the build log, so that people see what they approve
     * @param link where the release's details and approvals so far are shown, or empty
     * @param round 1 for the first prompt of a run, 2 for the next, and so on
     */
    public static Optional<ApprovalPrompt> of(
            Decision decision, Optional<ProtectionRule> rule, String plan, Optional<String> link, int round) {
        return of(decision, rule, Optional.empty(), plan, link, round);
    }

    /**
     * As {@link #of(Decision, Optional, String, Optional, int)}, for a release that may be a rollback: its first
     * line says so, since a plan too long for the prompt is left out and approvers must still know what they answer.
     *
     * @param rollback what the release is, "rollback to run promote#1"; empty for a release of new content
     */
    public static Optional<ApprovalPrompt> of(
            Decision decision,
            Optional<ProtectionRule> rule,
            Optional<String> rollback,
            String plan,
            Optional<String> link,
            int round) {
        return of(decision, rule, rollback, List.of(), plan, link, round);
    }

    /**
     * As {@link #of(Decision, Optional, Optional, String, Optional, int)}, with {@code notes} that approvers must read
     * whatever the length of the plan (a live hotfix the release takes away, and why): they follow the decision's
     * explanation, before the plan.
     */
    public static Optional<ApprovalPrompt> of(
            Decision decision,
            Optional<ProtectionRule> rule,
            Optional<String> rollback,
            List<String> notes,
            String plan,
            Optional<String> link,
            int round) {
        if (!(decision instanceof Decision.NeedsApprovals needs)) {
            return Optional.empty();
        }
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1, not " + round);
        }
        Map<String, String> submitters = new LinkedHashMap<>();
        Set<ApprovalAction> missing = EnumSet.noneOf(ApprovalAction.class);
        for (Shortfall shortfall : needs.shortfalls()) {
            shortfall.from().users().forEach(u -> submitters.putIfAbsent(Names.key(u), u.strip()));
            shortfall.from().groups().forEach(g -> submitters.putIfAbsent(Names.key(g), g.strip()));
            missing.add(shortfall.action());
        }
        List<String> actions = new ArrayList<>();
        missing.forEach(action -> actions.add(action.label()));
        actions.add(ApprovalAction.REJECT.label());
        if (rule.filter(ProtectionRule::allowAdminBypass).isPresent()) {
            actions.add(ApprovalAction.BYPASS.label());
        }
        String message = message(decision, rollback, notes, plan, link);
        String id = "Release-" + decision.releaseId().shortForm() + "-" + round;
        return Optional.of(new ApprovalPrompt(
                id, decision.releaseId().value(), message, String.join(",", submitters.values()), actions));
    }

    /** The text an approver reads: what waits, why, the plan when it fits, and where to read the rest. */
    private static String message(
            Decision decision, Optional<String> rollback, List<String> notes, String plan, Optional<String> link) {
        StringBuilder head = new StringBuilder();
        head.append("Release ")
                .append(decision.releaseId().shortForm())
                .append(" to ")
                .append(decision.environment())
                .append(" is waiting for approval")
                .append(rollback.map(r -> ": it is a " + r + ", back to content that ran here before")
                        .orElse(""))
                .append(".\n");
        decision.explanation().forEach(line -> head.append(line).append('\n'));
        notes.forEach(line -> head.append(line).append('\n'));
        String tail = link.map(l -> "\nThe release and its approvals so far: " + l + "\n")
                .orElse("");
        String full = head + "\n" + plan.strip() + "\n" + tail;
        if (full.length() <= MAX_MESSAGE_LENGTH) {
            return full;
        }
        long lines = plan.strip().lines().count();
        String instead = "\nThe plan (" + lines + " lines) is too long for this prompt: read it in the build log"
                + (link.isPresent() ? " or on the release's page" : "") + " before you answer.\n";
        String shortened = head + instead + tail;
        if (shortened.length() <= MAX_MESSAGE_LENGTH) {
            return shortened;
        }
        // Only a very long explanation gets here; its first lines say what is missing.
        int room = MAX_MESSAGE_LENGTH - instead.length() - tail.length() - 4;
        return head.substring(0, Math.max(0, room)) + "...\n" + instead + tail;
    }

    /** The prompt as plain maps and lists (a Pipeline step's result). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("releaseId", releaseId);
        map.put("message", message);
        map.put("submitter", submitter);
        map.put("actions", actions);
        return map;
    }
}
