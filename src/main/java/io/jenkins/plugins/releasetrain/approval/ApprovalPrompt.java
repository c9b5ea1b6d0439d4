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
 * @param id the prompt's id, the same for a release and a round wherever it is asked (URL-safe)
 * @param submitter the users and groups who may answer, comma-separated; administrators can always answer a
 *     Jenkins prompt, and the judgement then decides whether that counts
 * @param actions what the answer may be, as {@link ApprovalAction#label()}s, the first being the usual one
 */
public record ApprovalPrompt(String id, String message, String submitter, List<String> actions) {

    public ApprovalPrompt {
        Objects.requireNonNull(id, "id");
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
        StringBuilder message = new StringBuilder();
        message.append("Release ")
                .append(decision.releaseId().shortForm())
                .append(" to ")
                .append(decision.environment())
                .append(" is waiting for approval.\n");
        decision.explanation().forEach(line -> message.append(line).append('\n'));
        message.append('\n').append(plan.strip()).append('\n');
        link.ifPresent(l -> message.append("\nThe release and its approvals so far: ")
                .append(l)
                .append('\n'));
        String id = "Release-" + decision.releaseId().shortForm() + "-" + round;
        return Optional.of(new ApprovalPrompt(id, message.toString(), String.join(",", submitters.values()), actions));
    }

    /** The prompt as plain maps and lists (a Pipeline step's result). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("message", message);
        map.put("submitter", submitter);
        map.put("actions", actions);
        return map;
    }
}
