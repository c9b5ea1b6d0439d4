package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.approval.ApprovalAttempt;
import io.jenkins.plugins.releasetrain.approval.ApprovalGate;
import io.jenkins.plugins.releasetrain.approval.ApprovalHistory;
import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.EnvironmentRules;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.ProtectionPolicy;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the approval gate weighs for the release of a manifest by a build: the environment's rule (with
 * its configured upstream), the plan against the ledger, the ledger's approvals and upstream successes, and
 * the people the rule keeps from approving. Read afresh for every decision.
 */
final class ReleaseGate {

    private final Release release;
    private final Ledger ledger;
    private final Optional<ProtectionRule> rule;
    private final ReleasePlan plan;
    private final ApprovalRequest request;

    private ReleaseGate(
            Release release, Ledger ledger, Optional<ProtectionRule> rule, ReleasePlan plan, ApprovalRequest request) {
        this.release = release;
        this.ledger = ledger;
        this.rule = rule;
        this.plan = plan;
        this.request = request;
    }

    static ReleaseGate read(Run<?, ?> run, FilePath workspace, String manifest, TaskListener listener)
            throws IOException, InterruptedException {
        Release release;
        try {
            LoadedManifest loaded = ManifestFiles.read(workspace, manifest);
            release = loaded.release();
        } catch (ManifestException e) {
            throw new AbortException(e.getMessage());
        }
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        String environment = release.environment().name();
        if (!configuration.isKnownEnvironment(environment)) {
            throw new AbortException(
                    Messages.ReleasePlanStep_UnknownEnvironment(environment, configuration.environmentNames()));
        }
        ProtectionPolicy policy;
        try {
            policy = configuration.policy();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.ReleaseGate_InvalidPolicy(e.getMessage()));
        }
        Optional<String> upstream = configuration.getEnvironments().stream()
                .filter(e -> e.getName().equals(environment))
                .findFirst()
                .map(ReleaseEnvironment::getUpstream);
        Optional<ProtectionRule> rule = EnvironmentRules.forEnvironment(policy, environment, upstream);
        Ledger ledger = ReleaseLedger.get();
        ReleasePlan plan = ReleaseLedger.planAgainstLedger(ledger, release, listener);
        ApprovalHistory history;
        try {
            history = LedgerApprovals.history(ledger, environment, rule);
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
        ApprovalRequest request =
                ApprovalRequest.of(plan, history, ReleaseBuilds.participants(run, manifest, environment));
        return new ReleaseGate(release, ledger, rule, plan, request);
    }

    Release release() {
        return release;
    }

    Ledger ledger() {
        return ledger;
    }

    Optional<ProtectionRule> rule() {
        return rule;
    }

    ReleasePlan plan() {
        return plan;
    }

    Decision decide() {
        return ApprovalGate.decide(rule, request, Instant.now());
    }

    AttemptResult judge(ApprovalAttempt attempt) {
        return ApprovalGate.judge(rule, request, attempt, Instant.now());
    }
}
