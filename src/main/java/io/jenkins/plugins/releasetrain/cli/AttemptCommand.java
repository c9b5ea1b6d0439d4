package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import io.jenkins.plugins.releasetrain.approval.ApprovalAttempt;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code approve} and {@code reject}: judge one person's attempt, record it if it can count, say what follows. */
abstract class AttemptCommand extends ApprovalCommand {

    /** How long to wait for a run that is writing the same environment's ledger. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    @Option(names = "--as", required = true, paramLabel = "USER", description = "Who you are (trusted as given).")
    private String user;

    @Option(
            names = "--groups",
            split = ",",
            paramLabel = "GROUP",
            description = "Your groups, comma-separated (trusted as given).")
    private List<String> groups = new ArrayList<>();

    @Option(
            names = "--alias",
            paramLabel = "NAME|EMAIL",
            description = "Another name you go by, such as your e-mail address (repeatable): matched against the"
                    + " release's authors.")
    private List<String> aliases = new ArrayList<>();

    @Option(names = "--admin", description = "You administer the release server (trusted as given).")
    private boolean admin;

    @Option(
            names = "--comment",
            paramLabel = "TEXT",
            description = "Why; recorded with the decision. Required for reject.")
    private String comment = "";

    /** A usage mistake found after parsing: reported like picocli's own, with exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    protected abstract ApprovalAction action();

    protected String comment() {
        return comment;
    }

    @Override
    protected int run(Terminal terminal, Gate gate) {
        ApprovalAction action;
        try {
            action = action();
        } catch (UsageError e) {
            terminal.err().println(terminal.red("release-train: " + e.getMessage()));
            return ExitCode.INVALID;
        }
        Identity actor = new Identity(user, Set.copyOf(groups), Set.copyOf(aliases), admin);
        AttemptResult result =
                gate.gate().judge(gate.request(), new ApprovalAttempt(actor, action, comment, gate.dropsHotfixOn()));
        boolean recorded = result.shouldRecord() && gate.rule().isPresent();
        if (recorded) {
            String environment = gate.release().environment().name();
            try (EnvironmentLock lock = gate.ledger()
                    .lock(
                            environment,
                            RunId.startingAt(clock.instant()),
                            user,
                            LOCK_WAIT,
                            waiting -> terminal.err()
                                    .println("waiting for the ledger of " + environment + ": "
                                            + waiting.getMessage()))) {
                lock.append(LedgerApprovals.record(result.event(), gate.rule().get()));
            }
            if (result.counts()) {
                try (Notifications notifications = ReleaseNotices.open(gate.webhooks(), terminal)) {
                    notifications.publish(ReleaseNotices.attempt(result, action, user));
                }
            }
        }
        if (json()) {
            printJson(terminal, ApprovalMaps.attempt(result, recorded));
        } else {
            String verdict = recorded ? (result.counts() ? "recorded" : "recorded (no change)") : "not recorded";
            terminal.out()
                    .println((recorded ? terminal.green(verdict) : terminal.red(verdict)) + "  "
                            + result.judgement().message());
            terminal.out().println();
            printDecision(terminal, result.decision());
            boolean starterMayNotApprove = gate.rule()
                    .filter(rule -> !rule.allowTriggeringUserApproval())
                    .isPresent();
            if (result.counts() && action == ApprovalAction.APPROVE && starterMayNotApprove) {
                // The person who starts a release cannot approve it: better said now than when they run it.
                terminal.err()
                        .println(terminal.yellow("note: if " + user + " starts this release (release-train run --actor "
                                + user + "), this approval stops counting: the person who starts a release cannot"
                                + " approve it; let someone else start it"));
            }
        }
        return recorded ? ExitCode.OK : ExitCode.FAILED;
    }
}
