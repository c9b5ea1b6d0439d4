package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-train approve MANIFEST ...}: approve a release, or lift a freeze, or bypass as an administrator. */
@Command(
        name = "approve",
        description = "Approve a release for its protected environment, as USER. The approval is judged against the"
                + " policy before it is recorded in the ledger: one that cannot count (an author, someone not"
                + " eligible, ...) is refused with the reason. The CLI trusts --as, --groups and --admin: in"
                + " Jenkins the identity is the authenticated user.",
        mixinStandardHelpOptions = true)
public final class ApproveCommand extends AttemptCommand {

    @Option(
            names = "--emergency-override",
            description = "Lift the freeze now in effect for this release (the rule's emergencyOverride approvers).")
    private boolean emergencyOverride;

    @Option(
            names = "--bypass",
            description = "As an administrator (--admin), let this release through without the rule's checks, where"
                    + " the rule allows it (allowAdminBypass). Needs --comment saying why.")
    private boolean bypass;

    @Override
    protected ApprovalAction action() {
        if (emergencyOverride && bypass) {
            throw new UsageError("choose one of --emergency-override and --bypass");
        }
        return emergencyOverride
                ? ApprovalAction.EMERGENCY_OVERRIDE
                : bypass ? ApprovalAction.BYPASS : ApprovalAction.APPROVE;
    }
}
