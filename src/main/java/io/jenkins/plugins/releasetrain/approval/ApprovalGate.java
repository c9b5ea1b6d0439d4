package io.jenkins.plugins.releasetrain.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval gate of a server: its protection policy and its clock. {@link #evaluate} says whether a
 * release may run now and why; {@link #judge} weighs someone's approval, rejection, emergency override or
 * bypass before it is recorded. Both are pure functions of their inputs and the clock's reading: the
 * callers (CLI, Jenkins steps) read the ledger, call the gate, and record what it returns.
 */
public final class ApprovalGate {

    private final ProtectionPolicy policy;
    private final Clock clock;

    public ApprovalGate(ProtectionPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ProtectionPolicy policy() {
        return policy;
    }

    /** The rule that decides for {@code environment}: the first that matches; empty when unprotected. */
    public Optional<ProtectionRule> ruleFor(String environment) {
        return policy.ruleFor(environment);
    }

    public Decision evaluate(ApprovalRequest request) {
        return decide(ruleFor(request.environment()), request, clock.instant());
    }

    /**
     * Weighs {@code attempt} as if recorded now: the returned judgement is what every later decision will
     * make of the event (until it expires), and the decision is the one that follows once it is recorded.
     */
    public AttemptResult judge(ApprovalRequest request, ApprovalAttempt attempt) {
        return judge(ruleFor(request.environment()), request, attempt, clock.instant());
    }

    /** The decision for one rule (or none) at {@code now}: the pure function behind {@link #evaluate}. */
    public static Decision decide(Optional<ProtectionRule> rule, ApprovalRequest request, Instant now) {
        return Evaluation.decide(deciding(rule, request), request, now);
    }

    /** A hotfix is decided by the rule's hotfix lane when it has one; anything else by the rule itself. */
    private static Optional<ProtectionRule> deciding(Optional<ProtectionRule> rule, ApprovalRequest request) {
        if (!request.hotfix()) {
            return rule;
        }
        return rule.map(r -> r.hotfixRule().orElse(r));
    }

    /** The pure function behind {@link #judge(ApprovalRequest, ApprovalAttempt)}. */
    public static AttemptResult judge(
            Optional<ProtectionRule> asked, ApprovalRequest request, ApprovalAttempt attempt, Instant now) {
        Optional<ProtectionRule> rule = deciding(asked, request);
        ApprovalEvent event = new ApprovalEvent(
                request.releaseId(),
                request.environment(),
                attempt.actor(),
                attempt.action(),
                attempt.comment(),
                now,
                attempt.dropsHotfixOn());
        if (rule.isEmpty()) {
            Judgement judgement = new Judgement(
                    event,
                    Standing.NOT_PROTECTED,
                    "No rule protects " + request.environment() + ": there is nothing to approve, reject,"
                            + " override or bypass there.");
            return new AttemptResult(judgement, Evaluation.decide(rule, request, now));
        }
        ApprovalRequest after = request.withHistory(request.history().with(event));
        Judgement judgement = Tally.of(rule.get(), after, now)
                .judgementOf(event)
                .orElseThrow(() -> new IllegalStateException("an attempt for this content is always judged"));
        ApprovalRequest recorded = judgement.standing().isRecorded() ? after : request;
        return new AttemptResult(judgement, Evaluation.decide(rule, recorded, now));
    }
}
