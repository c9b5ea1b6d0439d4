package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import picocli.CommandLine.Command;

/** {@code release-train reject MANIFEST ...}: stop a release until its manifest changes. */
@Command(
        name = "reject",
        description = "Reject a release for its protected environment, as USER: it cannot run until its manifest"
                + " changes. Anyone who may approve (or override) may reject; --comment is required.",
        mixinStandardHelpOptions = true)
public final class RejectCommand extends AttemptCommand {

    @Override
    protected ApprovalAction action() {
        if (comment().isBlank()) {
            throw new UsageError("a rejection needs --comment saying why, for whoever fixes the release");
        }
        return ApprovalAction.REJECT;
    }
}
