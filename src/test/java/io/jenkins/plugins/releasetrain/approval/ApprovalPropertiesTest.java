package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the gate over random rules, people and histories: random users (some differing only in
 * case), groups, times around a Berlin weekend freeze, content ids, duplicates, authors, rejections,
 * overrides and bypasses. The conditions are written here from the rule's definition, independently of the
 * implementation's tally.
 */
class ApprovalPropertiesTest {

    private static final String ENVIRONMENT = "production-us-east-2";
    private static final ReleaseId THIS = Scenario.PRODUCTION.id();
    private static final ReleaseId OTHER = Scenario.OTHER_CONTENT;
    private static final ReleaseContent CONTENT = ReleaseContent.of(Scenario.PRODUCTION);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final WeeklyFreeze WEEKEND =
            new WeeklyFreeze("weekend", WeeklyTime.parse("Friday 18:00"), WeeklyTime.parse("Monday 08:00"), BERLIN);
    /** Monday 2026-10-19 00:00 UTC; decisions fall in the two weeks after, across the autumn change of clocks. */
    private static final Instant BASE = Instant.parse("2026-10-19T00:00:00Z");

    private static final List<String> USERS = List.of("alice", "bob", "Bob", "carol", "dana", "erin", "sam");
    private static final List<String> GROUPS = List.of("release-leads", "Release-Leads", "sre-oncall", "developers");

    /** One generated event, placed relative to the decision's instant. */
    record EventSpec(
            String user,
            List<String> groups,
            ApprovalAction action,
            boolean admin,
            boolean withReason,
            boolean otherContent,
            int minutesBeforeNow) {

        ApprovalEvent at(Instant now) {
            Identity actor = Identity.of(user).withGroups(groups);
            return new ApprovalEvent(
                    otherContent ? OTHER : THIS,
                    ENVIRONMENT,
                    admin ? actor.asAdmin() : actor,
                    action,
                    withReason ? "because" : "",
                    now.minus(Duration.ofMinutes(minutesBeforeNow)));
        }
    }

    /** A whole situation: the rule, who wrote and who started the release, the history, and when we decide. */
    record Situation(ProtectionRule rule, Participants participants, List<ApprovalEvent> events, Instant now) {

        ApprovalRequest request() {
            return new ApprovalRequest(
                    THIS,
                    ENVIRONMENT,
                    CONTENT,
                    true,
                    ApprovalHistory.of(events, List.of()),
                    participants,
                    NameKeys.CASE_INSENSITIVE);
        }

        Decision decide() {
            return ApprovalGate.decide(Optional.of(rule), request(), now);
        }
    }

    /**
     * The invariant. When the gate allows a release into the protected environment on approvals, then: (a) at
     * least {@code requiredApprovals} distinct people (user ids compared without case) each gave an APPROVE
     * event for this release id in this environment, dated no later than now and less than the expiry before
     * it, while listed as an approver by user id or by one of the groups recorded with the event, being
     * neither an author of the release nor the person who started it (unless the rule allows those); (b) no
     * one who may approve or override rejected this release id at or before now; and (c) if now falls in a
     * freeze, the override's quorum of distinct people, eligible and not excluded in the same way, gave an
     * EMERGENCY_OVERRIDE for this release id inside the current freeze and within the expiry. When it allows
     * on a bypass instead: the rule allows bypasses and an administrator gave one, with a reason, for this
     * release id, within the expiry. No other grounds are possible for a release with work to do.
     */
    @Property(tries = 3000)
    void noSequenceOfEventsLetsAReleaseInWithoutTheQuorum(@ForAll("situations") Situation situation) {
        Decision decision = situation.decide();
        Statistics.collect(kind(decision), new Oracle(situation).frozen() ? "frozen" : "open");
        Statistics.coverage(coverage -> {
            // The invariant is only worth its tries if many of them are allowed, on each ground, frozen or not.
            coverage.check("allowed APPROVED", "open").percentage(p -> p > 5);
            coverage.check("allowed APPROVED", "frozen").percentage(p -> p > 0.2);
            coverage.check("allowed BYPASSED", "open").percentage(p -> p > 0.5);
            coverage.check("needs", "frozen").percentage(p -> p > 1);
            coverage.check("refused REJECTED", "open").percentage(p -> p > 1);
        });
        if (!(decision instanceof Decision.Allowed allowed)) {
            return;
        }
        Oracle oracle = new Oracle(situation);
        String why = String.join("\n", decision.explanation());
        switch (allowed.grounds()) {
            case BYPASSED -> assertThat(oracle.validBypass()).as(why).isTrue();
            case APPROVED -> {
                assertThat(oracle.approvers(situation.rule().approvers(), ApprovalAction.APPROVE))
                        .as(why)
                        .hasSizeGreaterThanOrEqualTo(situation.rule().requiredApprovals());
                assertThat(oracle.rejected()).as(why).isFalse();
                if (oracle.frozen()) {
                    EmergencyOverride override =
                            situation.rule().emergencyOverride().orElseThrow(() -> new AssertionError(why));
                    assertThat(oracle.overridesInCurrentFreeze(override.approvers()))
                            .as(why)
                            .hasSizeGreaterThanOrEqualTo(override.requiredApprovals());
                }
            }
            default -> throw new AssertionError("impossible grounds for a release with work: " + why);
        }
    }

    /** The converse: when the conditions above hold, the gate does not hold the release back. */
    @Property(tries = 1500)
    void aReleaseMeetingEveryConditionIsAllowed(@ForAll("situations") Situation situation) {
        Oracle oracle = new Oracle(situation);
        ProtectionRule rule = situation.rule();
        boolean quorum =
                oracle.approvers(rule.approvers(), ApprovalAction.APPROVE).size() >= rule.requiredApprovals();
        boolean freezeLifted = !oracle.frozen()
                || rule.emergencyOverride()
                        .filter(o ->
                                oracle.overridesInCurrentFreeze(o.approvers()).size() >= o.requiredApprovals())
                        .isPresent();
        if (quorum && !oracle.rejected() && freezeLifted) {
            Decision decision = situation.decide();
            assertThat(decision.isAllowed())
                    .as(String.join("\n", decision.explanation()))
                    .isTrue();
        }
    }

    /** What {@link ApprovalGate#judge} says of an attempt is what the decision makes of it once recorded. */
    @Property(tries = 1000)
    void anAttemptIsJudgedAsTheLaterDecisionWillJudgeIt(
            @ForAll("situations") Situation situation, @ForAll("attempts") EventSpec attempt) {
        ApprovalEvent event = attempt.at(situation.now());
        AttemptResult result = ApprovalGate.judge(
                Optional.of(situation.rule()),
                situation.request(),
                new ApprovalAttempt(event.actor(), event.action(), event.comment()),
                situation.now());
        List<ApprovalEvent> recorded = new ArrayList<>(situation.events());
        recorded.add(result.event());
        Decision after = new Situation(situation.rule(), situation.participants(), recorded, situation.now()).decide();
        Judgement sameEvent = after.judgements().stream()
                .filter(j -> j.event() == result.event())
                .findFirst()
                .orElseThrow();
        assertThat(sameEvent.standing()).isEqualTo(result.judgement().standing());
        if (result.shouldRecord()) {
            assertThat(summary(after)).isEqualTo(summary(result.decision()));
        } else {
            assertThat(summary(situation.decide())).isEqualTo(summary(result.decision()));
        }
    }

    /** The order in which events are read does not matter: only their times do. */
    @Property(tries = 1000)
    void theOrderOfTheHistoryDoesNotMatter(@ForAll("situations") Situation situation, @ForAll long seed) {
        List<ApprovalEvent> shuffled = new ArrayList<>(situation.events());
        Collections.shuffle(shuffled, new Random(seed));
        Situation reordered = new Situation(situation.rule(), situation.participants(), shuffled, situation.now());
        assertThat(summary(reordered.decide())).isEqualTo(summary(situation.decide()));
    }

    /** People the rule does not name, who are no administrators, cannot move a decision either way. */
    @Property(tries = 1000)
    void outsidersChangeNothing(@ForAll("situations") Situation situation, @ForAll("outsiders") List<EventSpec> noise) {
        List<ApprovalEvent> noisy = new ArrayList<>(situation.events());
        noise.forEach(spec -> noisy.add(spec.at(situation.now())));
        Situation withNoise = new Situation(situation.rule(), situation.participants(), noisy, situation.now());
        assertThat(summary(withNoise.decide())).isEqualTo(summary(situation.decide()));
    }

    private static String kind(Decision decision) {
        return decision instanceof Decision.Allowed a
                ? "allowed " + a.grounds()
                : decision instanceof Decision.Refused r ? "refused " + r.reason() : "needs";
    }

    /** What a decision amounts to: its kind, grounds or reason, how many are missing, and who counted. */
    private static String summary(Decision decision) {
        String kind = decision instanceof Decision.NeedsApprovals n ? "needs " + n.missing() : kind(decision);
        Set<String> counted = decision.counted().stream()
                .map(j -> j.event().action() + ":" + j.event().actor().key())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        return kind + " " + counted;
    }

    /** The conditions of the invariant, computed from the rule's definition. */
    private static final class Oracle {
        private final Situation situation;
        private final ProtectionRule rule;
        private final Instant now;
        private final Set<String> authors;
        private final Optional<String> requester;

        Oracle(Situation situation) {
            this.situation = situation;
            this.rule = situation.rule();
            this.now = situation.now();
            this.authors = situation.participants().authors().stream()
                    .map(a -> lower(a.name()))
                    .collect(Collectors.toSet());
            this.requester = situation.participants().requester().map(r -> lower(r.user()));
        }

        /** Distinct people with a valid event of {@code action}, eligible through {@code who}. */
        Set<String> approvers(Approvers who, ApprovalAction action) {
            Set<String> people = new HashSet<>();
            for (ApprovalEvent e : situation.events()) {
                if (e.action() == action
                        && forThisContentBy(e, now)
                        && withinExpiry(e)
                        && eligible(e, who)
                        && !excluded(e)) {
                    people.add(lower(e.actor().user()));
                }
            }
            return people;
        }

        Set<String> overridesInCurrentFreeze(Approvers who) {
            Instant freezeStart = currentFreezeStart();
            Set<String> people = new HashSet<>();
            for (ApprovalEvent e : situation.events()) {
                if (e.action() == ApprovalAction.EMERGENCY_OVERRIDE
                        && forThisContentBy(e, now)
                        && !e.at().isBefore(freezeStart)
                        && withinExpiry(e)
                        && eligible(e, who)
                        && !excluded(e)) {
                    people.add(lower(e.actor().user()));
                }
            }
            return people;
        }

        boolean rejected() {
            return situation.events().stream()
                    .anyMatch(e -> e.action() == ApprovalAction.REJECT
                            && forThisContentBy(e, now)
                            && (eligible(e, rule.approvers())
                                    || rule.emergencyOverride()
                                            .filter(o -> eligible(e, o.approvers()))
                                            .isPresent()));
        }

        boolean validBypass() {
            return rule.allowAdminBypass()
                    && situation.events().stream()
                            .anyMatch(e -> e.action() == ApprovalAction.BYPASS
                                    && forThisContentBy(e, now)
                                    && withinExpiry(e)
                                    && e.actor().admin()
                                    && !e.comment().isBlank());
        }

        /** Friday 18:00 to Monday 08:00 on the Berlin wall clock, when the rule has that freeze. */
        boolean frozen() {
            if (rule.freezeWindows().isEmpty()) {
                return false;
            }
            ZonedDateTime local = now.atZone(BERLIN);
            LocalTime time = local.toLocalTime();
            DayOfWeek day = local.getDayOfWeek();
            return (day == DayOfWeek.FRIDAY && !time.isBefore(LocalTime.of(18, 0)))
                    || day == DayOfWeek.SATURDAY
                    || day == DayOfWeek.SUNDAY
                    || (day == DayOfWeek.MONDAY && time.isBefore(LocalTime.of(8, 0)));
        }

        private Instant currentFreezeStart() {
            ZonedDateTime local = now.atZone(BERLIN);
            ZonedDateTime friday = local.with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY))
                    .with(LocalTime.of(18, 0));
            return (friday.isAfter(local) ? friday.minusWeeks(1) : friday).toInstant();
        }

        private boolean forThisContentBy(ApprovalEvent e, Instant instant) {
            return e.releaseId().equals(THIS) && e.environment().equals(ENVIRONMENT) && !e.at().isAfter(instant);
        }

        private boolean withinExpiry(ApprovalEvent e) {
            return rule.approvalExpiry()
                    .map(expiry -> now.isBefore(e.at().plus(expiry)))
                    .orElse(true);
        }

        private boolean eligible(ApprovalEvent e, Approvers who) {
            Set<String> users = who.users().stream().map(Oracle::lower).collect(Collectors.toSet());
            Set<String> groups = who.groups().stream().map(Oracle::lower).collect(Collectors.toSet());
            return users.contains(lower(e.actor().user()))
                    || e.actor().groups().stream().map(Oracle::lower).anyMatch(groups::contains);
        }

        private boolean excluded(ApprovalEvent e) {
            String person = lower(e.actor().user());
            return (!rule.allowAuthorApproval() && authors.contains(person))
                    || (!rule.allowTriggeringUserApproval()
                            && requester.filter(person::equals).isPresent());
        }

        private static String lower(String name) {
            return name.strip().toLowerCase(Locale.ROOT);
        }
    }

    @Provide
    Arbitrary<Situation> situations() {
        Arbitrary<Integer> minutesIntoTwoWeeks = Arbitraries.integers().between(0, 14 * 24 * 60 - 1);
        return Combinators.combine(rules(), participants(), events().list().ofMaxSize(14), minutesIntoTwoWeeks)
                .as((rule, people, specs, minutes) -> {
                    Instant now = BASE.plus(Duration.ofMinutes(minutes));
                    return new Situation(
                            rule, people, specs.stream().map(s -> s.at(now)).toList(), now);
                });
    }

    @Provide
    Arbitrary<EventSpec> attempts() {
        return events().map(e -> new EventSpec(e.user(), e.groups(), e.action(), e.admin(), e.withReason(), false, 0));
    }

    @Provide
    Arbitrary<List<EventSpec>> outsiders() {
        Arbitrary<EventSpec> outsider = Combinators.combine(
                        Arbitraries.of("mallory", "Mallory", "trent"),
                        Arbitraries.of(List.<String>of(), List.of("qa"), List.of("support", "qa")),
                        Arbitraries.of(ApprovalAction.values()),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-60, 4 * 24 * 60))
                .as((user, groups, action, reason, minutes) ->
                        new EventSpec(user, groups, action, false, reason, false, minutes));
        return outsider.list().ofMinSize(1).ofMaxSize(5);
    }

    private Arbitrary<ProtectionRule> rules() {
        Arbitrary<List<String>> userSubsets =
                Arbitraries.of(USERS).set().ofMaxSize(4).map(List::copyOf);
        Arbitrary<List<String>> groupSubsets = Arbitraries.of("release-leads", "Release-Leads", "developers")
                .set()
                .ofMaxSize(2)
                .map(List::copyOf);
        Arbitrary<Optional<Duration>> expiries =
                Arbitraries.of(Optional.empty(), Optional.of(Duration.ofHours(1)), Optional.of(Duration.ofHours(24)));
        // 0: no freeze; 1: the weekend freeze without override; 2 and 3: with an override needing 1 or 2.
        Arbitrary<Integer> freezes = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.just(1)),
                Tuple.of(4, Arbitraries.just(2)),
                Tuple.of(1, Arbitraries.just(3)));
        return Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        userSubsets,
                        groupSubsets,
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        expiries,
                        freezes)
                .as((quorum, users, groups, allowAuthor, allowTriggering, allowBypass, expiry, freeze) -> {
                    List<String> approverGroups = new ArrayList<>(groups);
                    if (approverGroups.isEmpty() && Names.keys(users).size() < quorum) {
                        approverGroups.add("release-leads");
                    }
                    ProtectionRule rule = ProtectionRule.protecting("production", "production-*")
                            .withApprovals(quorum, new Approvers(users, approverGroups))
                            .withAuthorApproval(allowAuthor)
                            .withTriggeringUserApproval(allowTriggering)
                            .withAdminBypass(allowBypass);
                    rule = expiry.map(rule::withApprovalExpiry).orElse(rule);
                    if (freeze > 0) {
                        rule = rule.withFreezeWindows(WEEKEND);
                    }
                    if (freeze > 1) {
                        rule = rule.withEmergencyOverride(new EmergencyOverride(
                                new Approvers(List.of("erin"), List.of("sre-oncall")), freeze - 1));
                    }
                    return rule;
                });
    }

    private Arbitrary<Participants> participants() {
        Arbitrary<List<ReleaseAuthor>> authors = Arbitraries.of(USERS)
                .set()
                .ofMaxSize(2)
                .map(names -> names.stream()
                        .map(n -> ReleaseAuthor.author(
                                n, n.toLowerCase(Locale.ROOT) + "@example.com", "0123456789abcdef"))
                        .toList());
        Arbitrary<Optional<Identity>> requesters = Arbitraries.of(USERS)
                .map(u -> Optional.of(Identity.of(u)))
                .injectNull(0.3)
                .map(r -> r == null ? Optional.<Identity>empty() : r);
        return Combinators.combine(requesters, authors).as(Participants::new);
    }

    private Arbitrary<EventSpec> events() {
        Arbitrary<List<String>> groups =
                Arbitraries.of(GROUPS).set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<ApprovalAction> actions = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(ApprovalAction.APPROVE)),
                Tuple.of(1, Arbitraries.just(ApprovalAction.REJECT)),
                Tuple.of(5, Arbitraries.just(ApprovalAction.EMERGENCY_OVERRIDE)),
                Tuple.of(1, Arbitraries.just(ApprovalAction.BYPASS)));
        // Up to four days back (older than any expiry, and into the previous freeze), or a little in the future.
        Arbitrary<Integer> minutesBefore = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 23 * 60)),
                Tuple.of(3, Arbitraries.integers().between(-60, 4 * 24 * 60)),
                Tuple.of(1, Arbitraries.of(0, 60, 24 * 60)));
        return Combinators.combine(
                        Arbitraries.of(USERS),
                        groups,
                        actions,
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 9).map(n -> n == 0),
                        minutesBefore)
                .as(EventSpec::new);
    }
}
