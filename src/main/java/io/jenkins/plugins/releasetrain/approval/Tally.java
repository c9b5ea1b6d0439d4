package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Weighs every approval event of the environment against a rule at one instant, oldest first, so that the
 * first of a person's valid approvals is the one that counts and later ones are duplicates. The same code
 * judges a new attempt (appended to the history), so an attempt is told exactly what a later decision will
 * make of it.
 */
final class Tally {

    /** By time; events of the same instant by person and kind, so the ledger's order never changes a decision. */
    private static final Comparator<ApprovalEvent> IN_TIME_ORDER = Comparator.comparing(ApprovalEvent::at)
            .thenComparing(e -> e.actor().key())
            .thenComparing(ApprovalEvent::action)
            .thenComparing(ApprovalEvent::comment);

    private final ProtectionRule rule;
    private final ApprovalRequest request;
    private final Instant now;
    private final Optional<Freeze> freeze;
    private final List<Judgement> judgements = new ArrayList<>();
    private final Map<ApprovalAction, List<ApprovalEvent>> counted = new EnumMap<>(ApprovalAction.class);
    private final ApprovalEvent rejection;

    private Tally(ProtectionRule rule, ApprovalRequest request, Instant now) {
        this.rule = rule;
        this.request = request;
        this.now = now;
        this.freeze = Freeze.at(rule, now);
        List<ApprovalEvent> events = request.history().events().stream()
                .filter(e -> e.environment().equals(request.environment()))
                .sorted(IN_TIME_ORDER)
                .toList();
        this.rejection = events.stream()
                .filter(e -> !spentOnEarlierRun(e))
                .filter(e -> e.action() == ApprovalAction.REJECT
                        && isForThisContent(e)
                        && !e.at().isAfter(now)
                        && mayReject(e.actor()))
                .findFirst()
                .orElse(null);
        Optional<Instant> lastSuccessHere = request.history().successes().stream()
                .filter(s -> s.environment().equals(request.environment())
                        && !s.finishedAt().isAfter(now))
                .map(SucceededRelease::finishedAt)
                .max(Comparator.naturalOrder());
        for (ApprovalEvent event : events) {
            if (spentOnEarlierRun(event)) {
                continue; // a rollback needs approvals of its own, not those its content had when it first ran
            }
            Judgement judgement = judge(event);
            boolean oldNews = judgement.standing() == Standing.OTHER_CONTENT
                    && lastSuccessHere.filter(last -> !event.at().isAfter(last)).isPresent();
            if (oldNews) {
                continue; // approvals of releases that have run since are history, not an explanation
            }
            judgements.add(judgement);
            if (judgement.counts()) {
                counted.computeIfAbsent(event.action(), a -> new ArrayList<>()).add(event);
            }
        }
    }

    private boolean spentOnEarlierRun(ApprovalEvent event) {
        return request.rollback()
                .filter(r -> !event.at().isAfter(r.approvalsAfter()))
                .isPresent();
    }

    static Tally of(ProtectionRule rule, ApprovalRequest request, Instant now) {
        return new Tally(rule, request, now);
    }

    List<Judgement> judgements() {
        return List.copyOf(judgements);
    }

    Optional<Judgement> judgementOf(ApprovalEvent event) {
        return judgements.stream().filter(j -> j.event() == event).findFirst();
    }

    List<ApprovalEvent> counted(ApprovalAction action) {
        return List.copyOf(counted.getOrDefault(action, List.of()));
    }

    Optional<ApprovalEvent> rejection() {
        return Optional.ofNullable(rejection);
    }

    Optional<Freeze> freeze() {
        return freeze;
    }

    /** People the rule keeps from approving this release, with why, for "not by ..." in messages. */
    List<String> excluded() {
        Set<String> excluded = new LinkedHashSet<>();
        if (!rule.allowAuthorApproval()) {
            for (ReleaseAuthor author : request.participants().authors()) {
                String name = author.name() != null && !author.name().isBlank() ? author.name() : author.email();
                excluded.add(Wording.printable(name) + " (" + author.role() + " this release)");
            }
        }
        if (!rule.allowTriggeringUserApproval()) {
            request.participants()
                    .requester()
                    .ifPresent(r -> excluded.add(Wording.printable(r.user()) + " (started this release)"));
        }
        return List.copyOf(excluded);
    }

    private Judgement judge(ApprovalEvent event) {
        String who = Wording.printable(event.actor().user());
        if (event.at().isAfter(now)) {
            return new Judgement(
                    event,
                    Standing.NOT_YET,
                    who + "'s " + event.action().noun() + " is dated " + Wording.time(event.at())
                            + ", after the time of this decision (" + Wording.time(now)
                            + "); check the clocks of the machines that record approvals.");
        }
        if (!isForThisContent(event)) {
            return new Judgement(
                    event,
                    Standing.OTHER_CONTENT,
                    who + "'s " + event.action().noun() + " of " + Wording.time(event.at()) + " was for release "
                            + event.releaseId().shortForm() + ", not this one ("
                            + request.releaseId().shortForm()
                            + "): an approval counts only for the content it was given to.");
        }
        return switch (event.action()) {
            case APPROVE -> approval(event, who);
            case EMERGENCY_OVERRIDE -> override(event, who);
            case REJECT -> rejectionOf(event, who);
            case BYPASS -> bypass(event, who);
        };
    }

    private Judgement approval(ApprovalEvent event, String who) {
        if (!rule.approvers().include(event.actor(), request.names())) {
            return notEligible(event, who, rule.approvers());
        }
        return personal(event, who)
                .or(() -> withoutHotfixDrop(event, who))
                .orElseGet(() -> timely(event, who, ApprovalAction.APPROVE));
    }

    /**
     * A release that takes a live hotfix away counts only approvals given knowing it: an approval of the same content
     * given before (or without being shown the hotfixes it drops) weighed the content, not the loss of the fix.
     */
    private Optional<Judgement> withoutHotfixDrop(ApprovalEvent event, String who) {
        if (event.dropsHotfixOn().containsAll(request.droppingHotfixOn())) {
            return Optional.empty();
        }
        return Optional.of(new Judgement(
                event,
                Standing.WITHOUT_HOTFIX_DROP,
                who + "'s approval of " + Wording.time(event.at()) + " does not count: this release takes the live"
                        + " hotfix away from " + String.join(", ", new TreeSet<>(request.droppingHotfixOn()))
                        + ", and the approval was not given for that; approve again, knowing it."));
    }

    private Judgement override(ApprovalEvent event, String who) {
        Optional<EmergencyOverride> emergency = rule.emergencyOverride();
        if (emergency.isEmpty()) {
            return new Judgement(
                    event,
                    Standing.NO_EMERGENCY_OVERRIDE,
                    who + "'s emergency override does not count: rule '" + rule.name()
                            + "' has no emergency override, so its freezes cannot be lifted.");
        }
        if (!emergency.get().approvers().include(event.actor(), request.names())) {
            return notEligible(event, who, emergency.get().approvers());
        }
        Optional<Judgement> personal = personal(event, who);
        if (personal.isPresent()) {
            return personal.get();
        }
        if (freeze.isEmpty() || !freeze.get().contains(event.at())) {
            return new Judgement(
                    event,
                    Standing.NOT_FROZEN,
                    who + "'s emergency override of " + Wording.time(event.at()) + " does not count: "
                            + whyNotFrozen(event));
        }
        return timely(event, who, ApprovalAction.EMERGENCY_OVERRIDE);
    }

    private String whyNotFrozen(ApprovalEvent event) {
        Optional<Freeze> then = Freeze.at(rule, event.at());
        if (then.isEmpty()) {
            return "no freeze was in effect when it was given.";
        }
        return "it was given during an earlier freeze (" + then.get().longest().describe()
                + "); an override lifts only the freeze it was given in.";
    }

    private Judgement rejectionOf(ApprovalEvent event, String who) {
        if (!mayReject(event.actor())) {
            List<String> eligible = new ArrayList<>();
            eligible.add(rule.approvers().describe());
            rule.emergencyOverride().ifPresent(o -> eligible.add(o.approvers().describe()));
            return new Judgement(
                    event,
                    Standing.NOT_ELIGIBLE,
                    who + " cannot reject in " + request.environment() + ": only those who may approve or"
                            + " override can (" + Wording.alternatives(eligible) + ").");
        }
        if (rejection != event) {
            return new Judgement(
                    event,
                    Standing.DUPLICATE,
                    who + " also rejected at " + Wording.time(event.at()) + Wording.comment(event.comment())
                            + "; the rejection by "
                            + Wording.printable(rejection.actor().user()) + " at "
                            + Wording.time(rejection.at()) + " already stands.");
        }
        return new Judgement(
                event,
                Standing.COUNTS,
                who + " rejected this release at " + Wording.time(event.at()) + Wording.comment(event.comment()) + ".");
    }

    private Judgement bypass(ApprovalEvent event, String who) {
        if (!rule.allowAdminBypass()) {
            return new Judgement(
                    event,
                    Standing.BYPASS_NOT_ALLOWED,
                    who + " cannot bypass rule '" + rule.name() + "': it does not allow administrators to bypass"
                            + " it.");
        }
        if (!event.actor().admin()) {
            return new Judgement(
                    event,
                    Standing.NOT_ADMIN,
                    who + " cannot bypass rule '" + rule.name() + "': only administrators can.");
        }
        if (event.comment().isBlank()) {
            return new Judgement(
                    event,
                    Standing.NO_REASON,
                    who + "'s bypass does not count: a bypass must say why; give a comment.");
        }
        return timely(event, who, ApprovalAction.BYPASS);
    }

    /** Separation of duties: the rule may keep the release's authors and whoever started it from acting. */
    private Optional<Judgement> personal(ApprovalEvent event, String who) {
        Identity actor = event.actor();
        if (!rule.allowAuthorApproval()) {
            Optional<ReleaseAuthor> authorship = request.participants().authorshipOf(actor);
            if (authorship.isPresent()) {
                ReleaseAuthor author = authorship.get();
                return Optional.of(new Judgement(
                        event,
                        Standing.AUTHOR,
                        who + " cannot " + event.action().verb() + ": " + who + " " + author.role() + " this release"
                                + author.evidence(actor) + "."));
            }
        }
        if (!rule.allowTriggeringUserApproval() && request.participants().isRequester(actor, request.names())) {
            return Optional.of(new Judgement(
                    event,
                    Standing.TRIGGERING_USER,
                    who + " cannot " + event.action().verb() + ": " + who + " started this release."));
        }
        return Optional.empty();
    }

    /** The checks of time and repetition an approval, override or bypass passes last. */
    private Judgement timely(ApprovalEvent event, String who, ApprovalAction action) {
        String given = who + "'s " + action.noun() + " of " + Wording.time(event.at());
        if (action != ApprovalAction.BYPASS && rejection != null && !event.at().isBefore(rejection.at())) {
            return new Judgement(
                    event,
                    Standing.AFTER_REJECTION,
                    given + " came after " + Wording.printable(rejection.actor().user()) + " rejected this release at "
                            + Wording.time(rejection.at()) + "; a rejection stands until the manifest changes.");
        }
        if (rule.approvalExpiry().isPresent()
                && !now.isBefore(event.at().plus(rule.approvalExpiry().get()))) {
            return new Judgement(
                    event,
                    Standing.EXPIRED,
                    given + " has expired: rule '" + rule.name() + "' counts approvals for "
                            + Wording.duration(rule.approvalExpiry().get()) + ".");
        }
        Optional<ApprovalEvent> first = counted.getOrDefault(action, List.of()).stream()
                .filter(e ->
                        // by user id only: a full name anyone may edit never makes two people one
                        request.names().sameUser(e.actor().user(), event.actor().user()))
                .findFirst();
        if (first.isPresent()) {
            return new Judgement(
                    event,
                    Standing.DUPLICATE,
                    who + " " + action.pastTense() + " again at " + Wording.time(event.at())
                            + "; each person counts once (counted from "
                            + Wording.time(first.get().at()) + ").");
        }
        String asAdmin = action == ApprovalAction.BYPASS ? " as an administrator" : "";
        return new Judgement(
                event,
                Standing.COUNTS,
                who + " " + action.pastTense() + asAdmin + " at " + Wording.time(event.at())
                        + Wording.comment(event.comment()) + ".");
    }

    private Judgement notEligible(ApprovalEvent event, String who, Approvers eligible) {
        String only = eligible.isEmpty()
                ? "rule '" + rule.name() + "' names nobody who may."
                : "only " + eligible.describe() + " can.";
        return new Judgement(
                event,
                Standing.NOT_ELIGIBLE,
                who + " cannot " + event.action().verb() + " in " + request.environment() + ": " + only);
    }

    private boolean isForThisContent(ApprovalEvent event) {
        return event.releaseId().equals(request.releaseId());
    }

    /** Stopping a release is always safe, so anyone who may approve or override may reject, authors included. */
    private boolean mayReject(Identity actor) {
        return rule.approvers().include(actor, request.names())
                || rule.emergencyOverride()
                        .filter(o -> o.approvers().include(actor, request.names()))
                        .isPresent();
    }
}
