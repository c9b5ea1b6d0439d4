package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One of several approvals a rule asks for at once ("one from security and two from release leads"): its name for
 * messages, who may give it, and how many distinct people must.
 */
public record ApprovalGroup(String name, Approvers approvers, int requiredApprovals) {

    public ApprovalGroup {
        Names.requireName("approvalGroups.name", "an approval group's name", name);
        Objects.requireNonNull(approvers, "approvers");
        if (requiredApprovals < 1) {
            throw new RuleViolation(
                    "approvalGroups.requiredApprovals",
                    "approval group '" + name + "' must require at least one approval, not " + requiredApprovals,
                    "remove the group, or give the number of people who must approve from it");
        }
        if (approvers.isEmpty()) {
            throw new RuleViolation(
                    "approvalGroups.approvers",
                    "approval group '" + name + "' names no approvers",
                    "list users or groups under its approvers");
        }
        Quorum.requirePossible("approvalGroups.requiredApprovals", approvers, requiredApprovals);
    }

    /** Everyone who may approve in any of {@code groups}: a rule's approvers when it has groups. */
    static Approvers union(List<ApprovalGroup> groups) {
        List<String> users = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        for (ApprovalGroup group : groups) {
            group.approvers().users().stream().filter(u -> !users.contains(u)).forEach(users::add);
            group.approvers().groups().stream()
                    .filter(g -> !groupNames.contains(g))
                    .forEach(groupNames::add);
        }
        return new Approvers(users, groupNames);
    }

    /** How many approvals {@code groups} need in all: a rule's required approvals when it has groups. */
    static int total(List<ApprovalGroup> groups) {
        return groups.stream().mapToInt(ApprovalGroup::requiredApprovals).sum();
    }
}
