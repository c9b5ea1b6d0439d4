package io.jenkins.plugins.releasetrain.approval;

/** Checks shared by the ordinary quorum and the emergency override's. */
final class Quorum {

    private Quorum() {}

    /** A quorum only named users can give needs at least that many distinct names. */
    static void requirePossible(String field, Approvers approvers, int required) {
        if (approvers.groups().isEmpty() && Names.keys(approvers.users()).size() < required) {
            throw new RuleViolation(
                    field,
                    required + " approvals are required but only "
                            + Names.keys(approvers.users()).size() + " distinct users may give them",
                    "add approvers (a group is easiest to maintain) or lower requiredApprovals");
        }
    }
}
