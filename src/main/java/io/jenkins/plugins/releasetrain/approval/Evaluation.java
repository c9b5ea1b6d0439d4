package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The decision itself: the gates of a rule in a fixed order, the first that closes deciding. */
final class Evaluation {

    private Evaluation() {}

    /**
     * Order: unprotected, nothing to deploy, the rule's own rollback after a failed verification, an
     * administrator's bypass, a rejection, promotion order, a
     * freeze without override, then the quorums still missing (the freeze override's and the approvals').
     */
    static Decision decide(Optional<ProtectionRule> maybeRule, ApprovalRequest request, Instant now) {
        String id = request.releaseId().shortForm();
        String environment = request.environment();
        if (maybeRule.isEmpty()) {
            return new Decision.Allowed(
                    environment,
                    request.releaseId(),
                    Optional.empty(),
                    Decision.Grounds.UNPROTECTED,
                    List.of(),
                    "No rule protects " + environment + ": release " + id + " may run without approval.");
        }
        ProtectionRule rule = maybeRule.get();
        Optional<String> ruleName = Optional.of(rule.name());
        int required = rule.requiredApprovals(request.isRollback());
        Tally tally = Tally.of(rule, request, now);
        List<Judgement> judgements = tally.judgements();
        if (!request.hasWork()) {
            return new Decision.Allowed(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.Grounds.NOTHING_TO_RELEASE,
                    judgements,
                    environment + " already runs the content of release " + id
                            + ": there is nothing to deploy, so nothing to approve.");
        }
        if (request.rollback().filter(RollbackRequest::automatic).isPresent()
                && rule.rollback().onVerificationFailure() == RollbackRule.VerificationFailure.ROLLBACK) {
            // The rule is the authority: it asked for this rollback when the release before failed verification.
            return new Decision.Allowed(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.Grounds.ROLLED_BACK_BY_RULE,
                    judgements,
                    "Release " + id + " may run in " + environment + " without approval: the verification of the"
                            + " release before it failed, and rule '" + rule.name() + "' rolls back to run "
                            + request.rollback().get().targetRun() + " at once (onVerificationFailure: rollback).");
        }
        List<ApprovalEvent> bypasses = tally.counted(ApprovalAction.BYPASS);
        if (!bypasses.isEmpty()) {
            ApprovalEvent bypass = bypasses.get(0);
            return new Decision.Allowed(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.Grounds.BYPASSED,
                    judgements,
                    "Release " + id + " may run in " + environment + ": "
                            + Wording.printable(bypass.actor().user()) + " bypassed rule '" + rule.name()
                            + "' as an administrator at " + Wording.time(bypass.at())
                            + Wording.comment(bypass.comment())
                            + ". The bypass is recorded.");
        }
        Optional<ApprovalEvent> rejection = tally.rejection();
        if (rejection.isPresent()) {
            ApprovalEvent r = rejection.get();
            return new Decision.Refused(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.RefusalReason.REJECTED,
                    Optional.empty(),
                    List.of(),
                    judgements,
                    "Release " + id + " cannot run in " + environment + ": "
                            + Wording.printable(r.actor().user())
                            + " rejected it at " + Wording.time(r.at()) + Wording.comment(r.comment())
                            + ". A rejection stands until the manifest changes; fix the release and have the new"
                            + " content approved.");
        }
        Optional<String> unknownAuthors = request.participants().authorsUnknown();
        if (unknownAuthors.isPresent() && required > 0 && !rule.allowAuthorApproval() && !rule.allowUnknownAuthors()) {
            // Fail closed: "no known author" must not read as "nobody wrote it", or an author could approve.
            return new Decision.Refused(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.RefusalReason.UNKNOWN_AUTHORS,
                    Optional.empty(),
                    List.of(),
                    judgements,
                    "Release " + id + " cannot be approved for " + environment + ": who wrote it is unknown ("
                            + unknownAuthors.get() + "), and rule '" + rule.name()
                            + "' keeps a release's authors from approving it. Release a manifest whose changes"
                            + " Jenkins can see (check it out from git), or ask an administrator to let the rule"
                            + " allow unknown authors.");
        }
        // What is still missing is worked out first, so that a refusal can say it too: approvals can be
        // collected while staging catches up or a freeze runs out.
        List<ApprovalEvent> approvals = tally.counted(ApprovalAction.APPROVE);
        List<Shortfall> missingApprovals =
                ApprovalQuorum.shortfalls(rule, required, request, approvals, tally.excluded());
        List<String> approvalSentences = new ArrayList<>();
        if (!missingApprovals.isEmpty()) {
            List<String> excluded = tally.excluded();
            approvalSentences.add(
                    missingApprovals.size() == 1
                            ? "It needs " + missingApprovals.get(0).describe() + "."
                            : "It needs "
                                    + String.join(
                                            ", and ",
                                            missingApprovals.stream()
                                                    .map(m -> m.describe(false))
                                                    .toList())
                                    + (excluded.isEmpty() ? "" : "; not by " + Wording.alternatives(excluded))
                                    + ".");
            if (missingApprovals.size() == 1 && missingApprovals.get(0).group().isEmpty()) {
                unreachable(rule, request, approvals, missingApprovals.get(0).missing())
                        .ifPresent(approvalSentences::add);
            }
        }
        Optional<Freeze> freeze = tally.freeze();
        // A rollback goes back to content that succeeded here: the order it came in by was met then.
        PromotionOrder promotion = request.isRollback()
                ? new PromotionOrder(List.of(), Optional.empty())
                : PromotionOrder.check(rule, request, now);
        if (promotion.unmet().isPresent()) {
            return new Decision.Refused(
                    environment,
                    request.releaseId(),
                    ruleName,
                    Decision.RefusalReason.PROMOTION_ORDER,
                    promotion.readyAt(),
                    missingApprovals,
                    judgements,
                    promotion.unmet().get() + meanwhile(approvalSentences));
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        if (freeze.isPresent()) {
            if (rule.emergencyOverride().isEmpty()) {
                return new Decision.Refused(
                        environment,
                        request.releaseId(),
                        ruleName,
                        Decision.RefusalReason.FROZEN,
                        Optional.of(freeze.get().end().toInstant()),
                        missingApprovals,
                        judgements,
                        "Release " + id + " cannot run in " + environment + " now: it is "
                                + freeze.get().describe()
                                + ", and rule '" + rule.name() + "' has no emergency override. Try again after"
                                + " the freeze." + meanwhile(approvalSentences));
            }
            EmergencyOverride emergency = rule.emergencyOverride().get();
            List<ApprovalEvent> overrides = tally.counted(ApprovalAction.EMERGENCY_OVERRIDE);
            if (overrides.size() < emergency.requiredApprovals()) {
                Shortfall shortfall = new Shortfall(
                        ApprovalAction.EMERGENCY_OVERRIDE,
                        emergency.requiredApprovals(),
                        emergency.requiredApprovals() - overrides.size(),
                        emergency.approvers(),
                        users(overrides),
                        tally.excluded(),
                        Optional.of(freeze.get().longest()));
                shortfalls.add(shortfall);
                sentences.add("It is " + freeze.get().describe() + "; to run before then it needs "
                        + shortfall.describe() + ".");
            }
        }
        shortfalls.addAll(missingApprovals);
        sentences.addAll(approvalSentences);
        if (!shortfalls.isEmpty()) {
            return new Decision.NeedsApprovals(
                    environment,
                    request.releaseId(),
                    ruleName,
                    shortfalls,
                    judgements,
                    "Release " + id + " cannot run in " + environment + " yet (rule '" + rule.name() + "'). "
                            + String.join(" ", sentences));
        }
        return new Decision.Allowed(
                environment,
                request.releaseId(),
                ruleName,
                Decision.Grounds.APPROVED,
                judgements,
                "Release " + id + " may run in " + environment + " (rule '" + rule.name() + "'): "
                        + String.join("; ", grounds(rule, required, request, approvals, promotion, freeze, tally))
                        + ".");
    }

    private static List<String> grounds(
            ProtectionRule rule,
            int required,
            ApprovalRequest request,
            List<ApprovalEvent> approvals,
            PromotionOrder promotion,
            Optional<Freeze> freeze,
            Tally tally) {
        List<String> grounds = new ArrayList<>();
        request.rollback()
                .ifPresent(r -> grounds.add("it rolls back to the content of run " + r.targetRun()
                        + ", which succeeded here (no promotion order applies)"));
        String what = request.isRollback() ? " for a rollback" : "";
        grounds.add(
                required == 0
                        ? "no approval is required" + what
                        : "approved by " + Wording.both(users(approvals)) + " (" + approvals.size() + " of " + required
                                + " required" + what
                                + ApprovalQuorum.counted(rule, request, approvals)
                                        .map(c -> ": " + c)
                                        .orElse("")
                                + ")");
        for (SucceededRelease success : promotion.evidence()) {
            grounds.add(
                    "its content succeeded in " + success.environment() + " at " + Wording.time(success.finishedAt())
                            + success.verifiedAt()
                                    .map(v -> " and was verified at " + Wording.time(v))
                                    .orElse(""));
        }
        freeze.ifPresent(f -> grounds.add("the freeze is lifted by the emergency override of "
                + Wording.both(users(tally.counted(ApprovalAction.EMERGENCY_OVERRIDE)))));
        return grounds;
    }

    /**
     * When only named users may approve, says so if too few of them are left once the release's authors,
     * the person who started it and those who already approved are set aside: waiting will not help.
     */
    private static Optional<String> unreachable(
            ProtectionRule rule, ApprovalRequest request, List<ApprovalEvent> approvals, int missing) {
        if (!rule.approvers().groups().isEmpty()) {
            return Optional.empty();
        }
        long left = rule.approvers().users().stream()
                .map(Identity::of)
                .filter(user -> rule.allowAuthorApproval()
                        || request.participants().authorshipOf(user).isEmpty())
                .filter(user -> rule.allowTriggeringUserApproval()
                        || !request.participants().isRequester(user, request.names()))
                .filter(user -> approvals.stream()
                        .noneMatch(a -> request.names().sameUser(a.actor().user(), user.user())))
                .map(user -> request.names().user(user.user()))
                .distinct()
                .count();
        if (left >= missing) {
            return Optional.empty();
        }
        return Optional.of("Only " + left + " of the listed approvers can still approve this release, so it cannot"
                + " reach its quorum: an administrator must add approvers to rule '" + rule.name() + "'.");
    }

    /** " Meanwhile, it needs ..." after a refusal that waiting will lift, when approvals are missing too. */
    private static String meanwhile(List<String> approvalSentences) {
        if (approvalSentences.isEmpty()) {
            return "";
        }
        String first = approvalSentences.get(0);
        List<String> rest = approvalSentences.subList(1, approvalSentences.size());
        return " Meanwhile, it" + first.substring("It".length()) + (rest.isEmpty() ? "" : " " + String.join(" ", rest));
    }

    private static List<String> users(List<ApprovalEvent> events) {
        return events.stream().map(e -> Wording.printable(e.actor().user())).toList();
    }
}
