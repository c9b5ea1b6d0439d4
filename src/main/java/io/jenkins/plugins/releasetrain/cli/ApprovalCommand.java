package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalGate;
import io.jenkins.plugins.releasetrain.approval.ApprovalHistory;
import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.LoadedPolicy;
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.approval.PolicyException;
import io.jenkins.plugins.releasetrain.approval.PolicyLoader;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.RollbackRequest;
import io.jenkins.plugins.releasetrain.changelog.HotfixGuard;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.Rollbacks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code approve}, {@code reject} and {@code approvals} share: the manifest, the ledger and the policy,
 * read into the request the approval gate decides on.
 */
abstract class ApprovalCommand extends CliCommand {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MANIFEST",
            description = "The release manifest: the release this is about (or --rollback ENV).")
    private Path manifest;

    @Option(
            names = "--rollback",
            paramLabel = "ENVIRONMENT",
            description = "About the rollback of ENVIRONMENT (release-train rollback) instead of a manifest: the"
                    + " release it would go back to, by default or as --to names it.")
    private String rollbackEnvironment;

    @Option(
            names = "--to",
            paramLabel = "RUN|RELEASE",
            description = "With --rollback: the run or release the rollback goes back to, as given to rollback --to.")
    private String rollbackTo;

    @Option(
            names = "--hotfix",
            description =
                    "About the release as a hotfix (run --hotfix): judged by the rule's hotfix lane, its approvers"
                            + " and quorum.")
    private boolean hotfix;

    @Option(
            names = "--drop-hotfix",
            description = "About the release as it takes the live hotfix away from what it replaces (run --drop-hotfix"
                    + " REASON): only approvals given with this count for such a run, an approval of the content"
                    + " alone does not.")
    private boolean dropHotfix;

    @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The ledger directory.")
    private Path ledgerDirectory;

    @Option(
            names = "--policy",
            required = true,
            paramLabel = "FILE",
            description = "The protection rules (YAML or JSON; see docs/approvals.md).")
    private Path policyFile;

    @Mixin
    private AuthorOptions authors;

    /** The time of decisions and of the approvals recorded. */
    protected final Clock clock = Clock.systemUTC();

    /** Everything a command needs to decide about one release. */
    record Gate(
            LoadedManifest manifest,
            Ledger ledger,
            ApprovalGate gate,
            ApprovalRequest request,
            List<Webhook> webhooks) {

        /** The artifacts whose live hotfix the person knows the release takes away (--drop-hotfix). */
        Set<String> dropsHotfixOn() {
            return request.droppingHotfixOn();
        }

        Release release() {
            return manifest.release();
        }

        Optional<ProtectionRule> rule() {
            return gate.ruleFor(release().environment().name());
        }
    }

    /** Does the command's work once the release, the policy and the ledger are read. */
    protected abstract int run(Terminal terminal, Gate gate);

    @Override
    protected final int run(Terminal terminal) {
        if ((manifest == null) == (rollbackEnvironment == null)) {
            terminal.err()
                    .println(terminal.red("release-train: error: give the release's MANIFEST, or --rollback ENVIRONMENT"
                            + " for a rollback (not both)"));
            return ExitCode.INVALID;
        }
        if (rollbackTo != null && rollbackEnvironment == null) {
            terminal.err().println(terminal.red("release-train: error: --to goes with --rollback ENVIRONMENT"));
            return ExitCode.INVALID;
        }
        LoadedPolicy policy;
        try {
            policy = new PolicyLoader().load(policyFile);
        } catch (PolicyException e) {
            printDiagnostics(terminal, e.diagnostics());
            terminal.err().println(terminal.red("the policy file is invalid; nothing was recorded"));
            return ExitCode.INVALID;
        }
        try {
            Ledger ledger = Ledger.open(ledgerDirectory, clock);
            Optional<RollbackTarget> rollback = rollbackEnvironment == null
                    ? Optional.empty()
                    : Optional.of(Rollbacks.find(ledger.read(rollbackEnvironment), Optional.ofNullable(rollbackTo)));
            LoadedManifest loaded =
                    rollback.isPresent() ? rollback.get().manifest() : new ManifestLoader().load(manifest);
            if (!json()) {
                printDiagnostics(terminal, loaded.warnings());
                printDiagnostics(terminal, policy.warnings());
            }
            Release release = loaded.release();
            String environment = release.environment().name();
            ApprovalGate gate = new ApprovalGate(policy.policy(), clock);
            Optional<ProtectionRule> rule = gate.ruleFor(environment);
            ApprovalHistory history = LedgerApprovals.history(ledger, environment, rule);
            Participants participants = new Participants(
                    LedgerApprovals.requester(ledger, environment, release.id()),
                    rollback.isPresent() ? List.of() : authors.of(manifest));
            // Planned as run plans: against what the ledger says is live, artifact by artifact.
            EnvironmentState state = ledger.read(environment).state();
            ReleasePlan plan =
                    ReleasePlan.of(release, new DeployedArtifacts(state.deployedArtifacts(), state.productVersions()));
            ApprovalRequest request = ApprovalRequest.of(plan, history, participants);
            if (hotfix) {
                request = request.asHotfix();
            }
            if (dropHotfix) {
                // Every hotfixed artifact it replaces: a superset of those whose fix it drops, as run finds them.
                request = request.droppingHotfixes(Set.copyOf(
                        HotfixGuard.touched(
                                        plan,
                                        Set.copyOf(ledger.read(environment).hotfixedArtifacts()))
                                .stream()
                                .map(PlannedArtifact::id)
                                .toList()));
            }
            if (rollback.isPresent()) {
                RollbackTarget target = rollback.get();
                request = request.asRollback(
                        new RollbackRequest(target.target().runId().value(), target.approvalsAfter()));
            }
            return run(terminal, new Gate(loaded, ledger, gate, request, policy.webhooks()));
        } catch (InvalidRunException e) {
            terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
            return ExitCode.INVALID;
        } catch (LedgerException e) {
            terminal.err().println(terminal.red("release-train: " + e.getMessage()));
            return ExitCode.FAILED;
        } catch (GitOpsException e) {
            terminal.err().println(terminal.red("release-train: --authors-since: " + e.describe()));
            return GitCommand.exitCode(e);
        }
    }

    /** The decision for people: its message, then every event weighed and how it stands. */
    protected static void printDecision(Terminal terminal, Decision decision) {
        DecisionOutput.print(terminal, decision);
    }

    /** Exit 0 when the release may run, 3 while it may not. */
    protected static int exitCode(Decision decision) {
        return decision.isAllowed() ? ExitCode.OK : ExitCode.AWAITING_APPROVAL;
    }
}
