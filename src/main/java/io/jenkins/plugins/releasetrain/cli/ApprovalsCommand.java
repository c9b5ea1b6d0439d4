package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.Decision;
import picocli.CommandLine.Command;

/** {@code release-train approvals MANIFEST ...}: where a release stands: who approved, what is missing, why not. */
@Command(
        name = "approvals",
        description = "Show whether a release may run in its environment now, who approved it, how many more"
                + " approvals it needs and from whom, and why each approval counts or not. Exit 0 when it may"
                + " run, 3 while it may not.",
        mixinStandardHelpOptions = true)
public final class ApprovalsCommand extends ApprovalCommand {

    @Override
    protected int run(Terminal terminal, Gate gate) {
        Decision decision = gate.gate().evaluate(gate.request());
        if (json()) {
            printJson(terminal, ApprovalMaps.decision(decision));
        } else {
            terminal.out()
                    .println(terminal.bold("Approvals for " + decision.environment()) + "  release "
                            + decision.releaseId().shortForm() + " from "
                            + gate.manifest().sourceName()
                            + decision.rule().map(r -> ", rule '" + r + "'").orElse(", no rule"));
            terminal.out().println();
            printDecision(terminal, decision);
        }
        return exitCode(decision);
    }
}
