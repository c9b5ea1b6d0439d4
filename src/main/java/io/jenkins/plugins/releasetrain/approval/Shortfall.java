package io.jenkins.plugins.releasetrain.approval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a release still lacks of one quorum: the ordinary approvals ({@link ApprovalAction#APPROVE}) or the
 * emergency override of a freeze ({@link ApprovalAction#EMERGENCY_OVERRIDE}).
 *
 * @param from who may give them (a Jenkins {@code input} step's submitters)
 * @param givenBy who already did, and counts
 * @param excluded people the rule keeps from giving them for this release, with why: "alice (authored this
 *     release)"
 * @param freeze for an override, the freeze it would lift
 * @param group the approval group it is missing from, when the rule asks for several at once
 */
public record Shortfall(
        ApprovalAction action,
        int required,
        int missing,
        Approvers from,
        List<String> givenBy,
        List<String> excluded,
        Optional<FreezePeriod> freeze,
        Optional<String> group) {

    public Shortfall(
            ApprovalAction action,
            int required,
            int missing,
            Approvers from,
            List<String> givenBy,
            List<String> excluded,
            Optional<FreezePeriod> freeze) {
        this(action, required, missing, from, givenBy, excluded, freeze, Optional.empty());
    }

    public Shortfall {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(action, "action");
        if (missing < 1 || missing > required) {
            throw new IllegalArgumentException("a shortfall misses 1 to " + required + " approvals, not " + missing);
        }
        Objects.requireNonNull(from, "from");
        givenBy = List.copyOf(givenBy);
        excluded = List.copyOf(excluded);
        Objects.requireNonNull(freeze, "freeze");
    }

    /** "1 more approval (2 required) from carol or a member of release-leads; so far bob; not alice (...)". */
    public String describe() {
        return describe(true);
    }

    /**
     * As {@link #describe()}; without who is excluded when {@code withExcluded} is false (a decision naming several
     * groups says that once).
     */
    public String describe(boolean withExcluded) {
        String what = action == ApprovalAction.APPROVE ? "approval" : "emergency override";
        StringBuilder text = new StringBuilder();
        text.append(Wording.count(missing, (givenBy.isEmpty() ? "" : "more ") + what))
                .append(" (")
                .append(required)
                .append(" required)");
        group.ifPresent(g -> text.append(" for '").append(g).append('\''));
        text.append(" from ").append(from.describe());
        if (!givenBy.isEmpty()) {
            text.append("; given so far by ").append(Wording.both(givenBy));
        }
        if (withExcluded && !excluded.isEmpty()) {
            text.append("; not by ").append(Wording.alternatives(excluded));
        }
        return text.toString();
    }
}
