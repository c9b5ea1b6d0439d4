package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalGate;
import io.jenkins.plugins.releasetrain.approval.ApprovalHistory;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.LoadedPolicy;
import io.jenkins.plugins.releasetrain.approval.PolicyException;
import io.jenkins.plugins.releasetrain.approval.PolicyLoader;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRequested;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import io.jenkins.plugins.releasetrain.plan.RunGate;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code run --policy FILE}: the approval gate between the plan and the first task. The person running is
 * the release's requester, so their own approvals do not count unless the rule allows it.
 */
public final class RunApprovalGate {

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Protection rules (docs/approvals.md): run only when the release's environment allows it"
                    + " now; otherwise print what is missing and exit 3 (awaiting approval).")
    private Path policyFile;

    private LoadedPolicy policy;
    /** The rule's refusal, when {@link #refusal} made one: what {@link #recordRequest} records. */
    private Decision refused;

    /**
     * Nothing when the release may run (or no policy was given); otherwise the exit code to stop with, after
     * saying why: 3 awaiting approval, 2 an invalid policy, 1 the ledger or git failed.
     */
    Optional<Integer> refusal(Terminal terminal, boolean json, RunPreview preview, Ledger ledger, Asking asking) {
        return refusal(terminal, json, preview, ledger, asking, false);
    }

    /**
     * As {@link #refusal(Terminal, boolean, RunPreview, Ledger, Asking)}; with {@code hotfix}, exit 2 first when the
     * environment's rule has no hotfix lane (a hotfix skips the promotion order, which only the lane allows).
     */
    Optional<Integer> refusal(
            Terminal terminal, boolean json, RunPreview preview, Ledger ledger, Asking asking, boolean hotfix) {
        if (policyFile == null) {
            if (hotfix) {
                terminal.err()
                        .println(terminal.red("release-train: error: --hotfix needs --policy: a hotfix is let in by"
                                + " the environment's rule (its hotfix lane)"));
                return Optional.of(ExitCode.INVALID);
            }
            return Optional.empty();
        }
        LoadedPolicy policy;
        try {
            policy = new PolicyLoader().load(policyFile);
        } catch (PolicyException e) {
            print(terminal, e.diagnostics());
            terminal.err().println(terminal.red("release-train: the policy file is invalid; nothing ran"));
            return Optional.of(ExitCode.INVALID);
        }
        if (!json) {
            print(terminal, policy.warnings());
        }
        this.policy = policy;
        if (hotfix) {
            Optional<String> noLane =
                    noHotfixLane(preview.release().environment().name());
            if (noLane.isPresent()) {
                terminal.err().println(terminal.red("release-train: error: " + noLane.get()));
                return Optional.of(ExitCode.INVALID);
            }
        }
        Decision decision;
        try {
            decision = decide(preview, ledger, asking);
        } catch (GitOpsException e) {
            terminal.err().println(terminal.red("release-train: --authors-since: " + e.describe()));
            return Optional.of(GitCommand.exitCode(e));
        } catch (LedgerException e) {
            terminal.err().println(terminal.red("release-train: ledger: " + e.getMessage()));
            return Optional.of(ExitCode.FAILED);
        }
        if (decision.isAllowed()) {
            if (!json) {
                terminal.out().println(terminal.green(decision.message()));
                terminal.out().println();
            }
            return Optional.empty();
        }
        refused = decision;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("awaitingApproval", true);
            document.put("approval", ApprovalMaps.decision(decision));
            terminal.out().println(Json.write(document));
        } else {
            DecisionOutput.print(terminal, decision);
            terminal.err().println(terminal.yellow(nothingRan(decision)));
        }
        return Optional.of(ExitCode.AWAITING_APPROVAL);
    }

    /** What to do now, which depends on why the release may not run: approving cannot undo a rejection. */
    private static String nothingRan(Decision decision) {
        if (decision instanceof Decision.Refused refused) {
            return switch (refused.reason()) {
                case REJECTED ->
                    "rejected: nothing ran; a rejection stands until the manifest changes (fix the"
                            + " release and have the new content approved)";
                case FROZEN -> "frozen: nothing ran; run it after the freeze";
                case PROMOTION_ORDER -> "not yet: nothing ran; release the same versions upstream first";
                case UNKNOWN_AUTHORS -> "refused: nothing ran; give the release's authors (--author, --authors-since)";
            };
        }
        return "awaiting approval: nothing ran (see release-train approve)";
    }

    /**
     * Records that the release was asked for and refused by its rule (after {@link #refusal}), so that it shows
     * waiting in history and on the board, whoever asked; nothing ran. A run holding the environment's ledger
     * leaves it unrecorded, which the rule's decision does not depend on.
     */
    void recordRequest(Terminal terminal, RunPreview preview, Ledger ledger, String actor) {
        if (refused == null) {
            return;
        }
        String environment = preview.release().environment().name();
        Instant now = Instant.now();
        try (EnvironmentLock lock = ledger.lock(environment, RunId.startingAt(now), actor)) {
            lock.append(new ApprovalRequested(preview.release().id(), environment, actor, now, refused.message()));
        } catch (EnvironmentLockedException e) {
            terminal.err().println("release-train: the request was not recorded: " + e.getMessage());
        }
    }

    /**
     * The same decision again, for the runner to make under the environment's lock, so that a rejection or
     * a newer run recorded after {@link #refusal} was printed still stops the release.
     */
    RunGate underLock(Ledger ledger, Asking asking) {
        if (policy == null) {
            return RunGate.OPEN;
        }
        return preview -> {
            try {
                Decision decision = decide(preview, ledger, asking);
                return decision.isAllowed()
                        ? RunGate.Verdict.pass(LedgerApprovals.grounds(
                                decision,
                                policy.policy()
                                        .ruleFor(preview.release().environment().name())))
                        : RunGate.Verdict.refuse(decision.message());
            } catch (GitOpsException | LedgerException e) {
                return RunGate.Verdict.refuse("the approvals could not be checked again: " + e.getMessage());
            }
        };
    }

    private Decision decide(RunPreview preview, Ledger ledger, Asking asking) {
        String environment = preview.release().environment().name();
        ApprovalGate gate = new ApprovalGate(policy.policy(), Clock.systemUTC());
        return gate.evaluate(
                asking.request(preview, LedgerApprovals.history(ledger, environment, gate.ruleFor(environment))));
    }

    /** Where the policy {@link #refusal} loaded sends release events; empty without --policy. */
    List<Webhook> webhooks() {
        return policy == null ? List.of() : policy.webhooks();
    }

    /** The decision {@link #refusal} refused with, if it refused. */
    Optional<Decision> refused() {
        return Optional.ofNullable(refused);
    }

    /**
     * Why {@code environment} takes no hotfix, when it does not: its rule has no hotfix lane. (An environment no
     * rule protects takes anything.)
     */
    private Optional<String> noHotfixLane(String environment) {
        Optional<ProtectionRule> rule = policy.policy().ruleFor(environment);
        if (rule.isPresent() && rule.get().hotfix().isEmpty()) {
            return Optional.of("--hotfix: rule '" + rule.get().name() + "' has no hotfix lane for " + environment
                    + "; an administrator adds one to the rule (hotfix: approvers and requiredApprovals)");
        }
        return Optional.empty();
    }

    /** The rule for {@code environment} in the policy {@link #refusal} loaded; empty without --policy. */
    Optional<ProtectionRule> ruleFor(String environment) {
        return policy == null ? Optional.empty() : policy.policy().ruleFor(environment);
    }

    /**
     * Who asks for a run and what kind of run it is, as the request the rule decides on: a release of a manifest
     * file (with its authors), or a rollback.
     */
    @FunctionalInterface
    interface Asking {
        /** @throws GitOpsException when the authors cannot be read from git */
        ApprovalRequest request(RunPreview preview, ApprovalHistory history);
    }

    private static void print(Terminal terminal, List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            String line = diagnostic.format();
            terminal.err().println(diagnostic.isError() ? terminal.red(line) : terminal.yellow(line));
        }
    }
}
