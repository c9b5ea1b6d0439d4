package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is still missing of a rule's approvals: one quorum, or several approval groups at once. With groups, the
 * people who approved are assigned to them so that one person counts toward one group only, and someone who belongs
 * to several counts where the release needs them ({@link RequirementMatching}).
 */
final class ApprovalQuorum {

    private ApprovalQuorum() {}

    /** The shortfalls, one per group (or one for the rule's quorum) still missing approvals; empty when met. */
    static List<Shortfall> shortfalls(
            ProtectionRule rule,
            int required,
            ApprovalRequest request,
            List<ApprovalEvent> approvals,
            List<String> excluded) {
        if (!byGroups(rule, request)) {
            if (approvals.size() >= required) {
                return List.of();
            }
            return List.of(new Shortfall(
                    ApprovalAction.APPROVE,
                    required,
                    required - approvals.size(),
                    rule.approvers(),
                    users(approvals),
                    excluded,
                    Optional.empty()));
        }
        RequirementMatching.Assignment assignment = assign(rule, request, approvals);
        List<Shortfall> shortfalls = new ArrayList<>();
        for (ApprovalGroup group : rule.approvalGroups()) {
            int missing = assignment.missing().getOrDefault(group.name(), 0);
            if (missing > 0) {
                shortfalls.add(new Shortfall(
                        ApprovalAction.APPROVE,
                        group.requiredApprovals(),
                        missing,
                        group.approvers(),
                        givenTo(group, assignment, approvals, request),
                        excluded,
                        Optional.empty(),
                        Optional.of(group.name())));
            }
        }
        return shortfalls;
    }

    /** "security: carol; release-leads: bob, dave": who counted where, for an allowed decision; empty without groups. */
    static Optional<String> counted(ProtectionRule rule, ApprovalRequest request, List<ApprovalEvent> approvals) {
        if (!byGroups(rule, request)) {
            return Optional.empty();
        }
        RequirementMatching.Assignment assignment = assign(rule, request, approvals);
        List<String> parts = new ArrayList<>();
        for (ApprovalGroup group : rule.approvalGroups()) {
            parts.add(group.name() + ": " + Wording.both(givenTo(group, assignment, approvals, request)));
        }
        return Optional.of(String.join("; ", parts));
    }

    /** Groups decide unless the rule has none, or a rollback counts its own single quorum. */
    private static boolean byGroups(ProtectionRule rule, ApprovalRequest request) {
        return !rule.approvalGroups().isEmpty()
                && !(request.isRollback() && rule.rollback().requiredApprovals().isPresent());
    }

    private static RequirementMatching.Assignment assign(
            ProtectionRule rule, ApprovalRequest request, List<ApprovalEvent> approvals) {
        List<String> people = new ArrayList<>();
        for (ApprovalEvent approval : approvals) {
            people.add(request.names().user(approval.actor().user()));
        }
        List<RequirementMatching.Requirement> requirements = new ArrayList<>();
        for (ApprovalGroup group : rule.approvalGroups()) {
            Set<String> eligible = new LinkedHashSet<>();
            for (ApprovalEvent approval : approvals) {
                if (group.approvers().include(approval.actor(), request.names())) {
                    eligible.add(request.names().user(approval.actor().user()));
                }
            }
            requirements.add(new RequirementMatching.Requirement(group.name(), eligible, group.requiredApprovals()));
        }
        return RequirementMatching.assign(requirements, people);
    }

    private static List<String> givenTo(
            ApprovalGroup group,
            RequirementMatching.Assignment assignment,
            List<ApprovalEvent> approvals,
            ApprovalRequest request) {
        List<String> given = new ArrayList<>();
        for (ApprovalEvent approval : approvals) {
            String key = request.names().user(approval.actor().user());
            if (group.name().equals(assignment.assigned().get(key))) {
                given.add(Wording.printable(approval.actor().user()));
            }
        }
        return given;
    }

    private static List<String> users(List<ApprovalEvent> events) {
        return events.stream().map(e -> Wording.printable(e.actor().user())).toList();
    }
}
