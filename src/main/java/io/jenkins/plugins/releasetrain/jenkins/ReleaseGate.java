package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
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
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.approval.ProtectionPolicy;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private final Optional<ReleaseRollback> rollback;
    private final ReleaseKind kind;

    private ReleaseGate(
            Release release,
            Ledger ledger,
            Optional<ProtectionRule> rule,
            ReleasePlan plan,
            ApprovalRequest request,
            Optional<ReleaseRollback> rollback,
            ReleaseKind kind) {
        this.release = release;
        this.ledger = ledger;
        this.rule = rule;
        this.plan = plan;
        this.request = request;
        this.rollback = rollback;
        this.kind = kind;
    }

    static ReleaseGate read(Run<?, ?> run, ReleaseSource source, TaskListener listener)
            throws IOException, InterruptedException {
        Release release = source.loaded().release();
        String manifest = source.path();
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        String environment = release.environment().name();
        if (!configuration.isKnownEnvironment(environment)) {
            throw new AbortException(
                    Messages.ReleasePlanStep_UnknownEnvironment(environment, configuration.environmentNames()));
        }
        ReleaseJobs.requireAllowed(run, environment);
        Optional<ProtectionRule> rule = rule(environment);
        Ledger ledger = ReleaseLedger.get();
        ReleasePlan plan = ReleaseLedger.planAgainstLedger(ledger, release, listener);
        ApprovalHistory history;
        try {
            history = LedgerApprovals.history(ledger, environment, rule, ReleaseJobs.policy());
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
        Optional<ReleaseRollback> rollback =
                ReadReleases.rollback(run, release.id().value());
        // A rollback restores content that ran here already: who asks for it is a participant, the authors of its
        // manifest are not (as for the command line's rollback).
        Participants participants = rollback.isPresent()
                ? new Participants(ReleaseBuilds.startedBy(run).map(JenkinsIdentities::of), List.of())
                : ReleaseBuilds.participants(run, manifest, environment, gitAuthors(run, release));
        ApprovalRequest request =
                ApprovalRequest.of(plan, history, participants).comparingNamesWith(JenkinsIdentities.nameKeys());
        if (rollback.isPresent()) {
            request = request.asRollback(rollback.get().request(rule, ledger, environment, run));
        }
        ReleaseKind kind = ReadReleases.kind(run, release.id().value());
        if (kind.isHotfix()) {
            // Read as a hotfix only where the rule has a lane; checked again here, as the rule may have changed since.
            if (rule.isPresent() && rule.get().hotfix().isEmpty()) {
                throw new AbortException(
                        Messages.ReadReleaseManifestStep_NoHotfixLane(rule.get().name(), environment));
            }
            request = request.asHotfix();
        }
        if (kind.dropHotfix().isPresent() && rollback.isEmpty()) {
            // Only approvals given knowing it count: those answered to this build's prompt, which says what it drops.
            request = request.droppingHotfixes(ReleaseHotfixGuard.touched(ledger, plan));
        }
        return new ReleaseGate(release, ledger, rule, plan, request, rollback, kind);
    }

    /** Who wrote the release according to git, as read when the build read the manifest. */
    static Optional<WorkspaceAuthors.Found> gitAuthors(Run<?, ?> run, Release release) {
        return ReadReleases.find(run)
                .flatMap(r -> r.entry(release.id().value()))
                .flatMap(ReadReleases.Entry::authors);
    }

    /** The rule protecting {@code environment}, with its configured upstream; empty when none protects it. */
    static Optional<ProtectionRule> rule(String environment) throws AbortException {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
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
        return EnvironmentRules.forEnvironment(policy, environment, upstream);
    }

    /** The name of the rule protecting {@code environment}, if one does. */
    static Optional<String> ruleName(String environment) throws AbortException {
        return rule(environment).map(ProtectionRule::name);
    }

    /**
     * In a protected environment, images are tagged and artifacts recorded only for a release that this build's
     * approval gate let through: a Pipeline cannot skip {@code releaseApproval} and still deploy or write results.
     */
    static void requireLetThrough(Run<?, ?> run, Release release) throws AbortException {
        String environment = release.environment().name();
        Optional<String> rule = ruleName(environment);
        boolean letThrough = run.getActions(ReleaseAction.class).stream()
                .anyMatch(a -> a.getEnvironment().equals(environment)
                        && a.getReleaseId().equals(release.id().value())
                        && ReleaseAction.ALLOWED.equals(a.getDecision()));
        if (rule.isPresent() && !letThrough) {
            throw new AbortException(
                    Messages.ReleaseGate_NotLetThrough(release.id().shortForm(), environment, rule.get()));
        }
    }

    Release release() {
        return release;
    }

    /** The rollback this release is, when the build read it with {@code readReleaseRollback}. */
    Optional<ReleaseRollback> rollback() {
        return rollback;
    }

    /** How the build releases it: a hotfix, a regular release, one that may drop hotfixes. */
    ReleaseKind kind() {
        return kind;
    }

    /** The hotfixed artifacts a release that may drop hotfixes replaces: what its approvers approve it for. */
    Set<String> droppingHotfixOn() {
        return request.droppingHotfixOn();
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
