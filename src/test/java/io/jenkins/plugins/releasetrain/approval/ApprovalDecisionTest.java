package io.jenkins.plugins.releasetrain.approval;

import static io.jenkins.plugins.releasetrain.approval.Expect.allowed;
import static io.jenkins.plugins.releasetrain.approval.Expect.needs;
import static io.jenkins.plugins.releasetrain.approval.Expect.refused;
import static io.jenkins.plugins.releasetrain.approval.Scenario.ALICE_AUTHORED;
import static io.jenkins.plugins.releasetrain.approval.Scenario.NOW;
import static io.jenkins.plugins.releasetrain.approval.Scenario.PROMOTED;
import static io.jenkins.plugins.releasetrain.approval.Scenario.STAGING;
import static io.jenkins.plugins.releasetrain.approval.Scenario.TWO_LEADS;
import static io.jenkins.plugins.releasetrain.approval.Scenario.lead;
import static io.jenkins.plugins.releasetrain.approval.Scenario.person;
import static io.jenkins.plugins.releasetrain.approval.Standing.AFTER_REJECTION;
import static io.jenkins.plugins.releasetrain.approval.Standing.AUTHOR;
import static io.jenkins.plugins.releasetrain.approval.Standing.BYPASS_NOT_ALLOWED;
import static io.jenkins.plugins.releasetrain.approval.Standing.COUNTS;
import static io.jenkins.plugins.releasetrain.approval.Standing.DUPLICATE;
import static io.jenkins.plugins.releasetrain.approval.Standing.EXPIRED;
import static io.jenkins.plugins.releasetrain.approval.Standing.NOT_ADMIN;
import static io.jenkins.plugins.releasetrain.approval.Standing.NOT_ELIGIBLE;
import static io.jenkins.plugins.releasetrain.approval.Standing.NOT_YET;
import static io.jenkins.plugins.releasetrain.approval.Standing.NO_REASON;
import static io.jenkins.plugins.releasetrain.approval.Standing.OTHER_CONTENT;
import static io.jenkins.plugins.releasetrain.approval.Standing.TRIGGERING_USER;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jenkins.plugins.releasetrain.approval.Decision.Grounds;
import io.jenkins.plugins.releasetrain.approval.Decision.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of a protected environment, one row per behaviour and their combinations. Every row uses the
 * production release of the examples and the rule "2 approvals from release-leads, valid 24 hours" unless it
 * says otherwise; alice authored the release and carol started it.
 */
class ApprovalDecisionTest {

    private static final Identity MALLORY = Identity.of("mallory").withGroups("developers");
    private static final Identity ROOT = Identity.of("root").asAdmin();

    @ParameterizedTest(name = "{0}")
    @MethodSource("separationOfDuties")
    void separationOfDuties(String behaviour, Scenario scenario, Expect expect) {
        expect.check(scenario.decide());
    }

    static Stream<Arguments> separationOfDuties() {
        return Stream.of(
                arguments(
                        "no approval yet: two are needed",
                        Scenario.under(TWO_LEADS),
                        needs(2).saying("It needs 2 approvals (2 required) from a member of release-leads")),
                arguments(
                        "two distinct leads approve: allowed",
                        Scenario.under(TWO_LEADS).events(lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)
                                .counting("bob", "dana")
                                .saying("approved by bob and dana (2 of 2 required)")),
                arguments(
                        "the author cannot approve her own release",
                        Scenario.under(TWO_LEADS).events(lead("alice"), lead("bob")),
                        needs(1).counting("bob")
                                .judging("alice", AUTHOR)
                                .saying(
                                        "alice cannot approve: alice authored this release (commit 1a2b3c4d5e6f, as alice@example.com)")
                                .saying(
                                        "not by Alice Liddell (authored this release) or carol (started this release)")),
                arguments(
                        "the author is recognised by e-mail address as well as by user id",
                        Scenario.under(TWO_LEADS)
                                .events(
                                        person(Identity.of("aliddell")
                                                .withGroups("release-leads")
                                                .withAliases("ALICE@example.com")),
                                        lead("bob")),
                        needs(1).judging("aliddell", AUTHOR)),
                arguments(
                        "the author is recognised by the login in a GitHub noreply address",
                        Scenario.under(TWO_LEADS)
                                .with(Participants.authoredBy(ReleaseAuthor.author(
                                        "A. L.", "1234+alice@users.noreply.github.com", "0017ee3735f0")))
                                .events(lead("alice"), lead("bob")),
                        needs(1).judging("alice", AUTHOR)),
                arguments(
                        "a co-author cannot approve either",
                        Scenario.under(TWO_LEADS)
                                .with(Participants.authoredBy(
                                        ReleaseAuthor.coAuthor("Dana", "dana@example.com", "77e5368b50c4")))
                                .events(lead("dana"), lead("bob")),
                        needs(1).judging("dana", AUTHOR).saying("dana co-authored this release (commit 77e5368b50c4)")),
                arguments(
                        "the author may approve when the rule allows it",
                        Scenario.under(TWO_LEADS.withAuthorApproval(true)).events(lead("alice"), lead("bob")),
                        allowed(Grounds.APPROVED).counting("alice", "bob")),
                arguments(
                        "whoever started the release cannot approve it",
                        Scenario.under(TWO_LEADS).events(lead("carol"), lead("bob")),
                        needs(1).judging("carol", TRIGGERING_USER)
                                .saying("carol cannot approve: carol started this release")),
                arguments(
                        "whoever started the release may approve when the rule allows it",
                        Scenario.under(TWO_LEADS.withTriggeringUserApproval(true))
                                .events(lead("carol"), lead("bob")),
                        allowed(Grounds.APPROVED).counting("carol", "bob")),
                arguments(
                        "allowing the triggering user does not allow the author",
                        Scenario.under(TWO_LEADS.withTriggeringUserApproval(true))
                                .with(Participants.startedBy(Identity.of("alice"), ALICE_AUTHORED))
                                .events(lead("alice"), lead("bob")),
                        needs(1).judging("alice", AUTHOR)),
                arguments(
                        "the same person approving twice counts once",
                        Scenario.under(TWO_LEADS).events(lead("bob").ago(Duration.ofHours(2)), lead("bob")),
                        needs(1).counting("bob").judging("bob", COUNTS, DUPLICATE)),
                arguments(
                        "user ids differing only in case are one person",
                        Scenario.under(TWO_LEADS).events(lead("bob").ago(Duration.ofHours(2)), lead(" BOB")),
                        needs(1).judging("bob", COUNTS).judging(" BOB", DUPLICATE)),
                arguments(
                        "someone outside the approvers does not count",
                        Scenario.under(TWO_LEADS).events(person(MALLORY), lead("bob")),
                        needs(1).judging("mallory", NOT_ELIGIBLE)
                                .saying("mallory cannot approve in production-us-east-2: only a member of release-leads"
                                        + " can")),
                arguments(
                        "a named user counts without being in a group",
                        Scenario.under(TWO_LEADS.withApprovals(
                                        2, Approvers.groups("release-leads").andUsers("mallory")))
                                .events(person(MALLORY), lead("bob")),
                        allowed(Grounds.APPROVED).counting("mallory", "bob")),
                arguments(
                        "an alias does not make someone a named approver",
                        Scenario.under(TWO_LEADS.withApprovals(2, Approvers.users("dana", "bob")))
                                .events(person(MALLORY.withAliases("dana")), lead("bob")),
                        needs(1).judging("mallory", NOT_ELIGIBLE)),
                arguments(
                        "group names compare without case",
                        Scenario.under(TWO_LEADS)
                                .events(person(Identity.of("bob").withGroups("Release-Leads")), lead("dana")),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "a quorum that the remaining named approvers cannot reach says so",
                        Scenario.under(TWO_LEADS.withApprovals(2, Approvers.users("alice", "carol", "bob")))
                                .events(lead("bob")),
                        needs(1).saying("Only 0 of the listed approvers can still approve this release, so it cannot"
                                + " reach its quorum: an administrator must add approvers to rule 'production'.")),
                arguments(
                        "a quorum of three needs three distinct eligible people, not three events",
                        Scenario.under(TWO_LEADS.withApprovals(3, Approvers.groups("release-leads")))
                                .events(
                                        lead("bob"),
                                        lead("bob"),
                                        lead("alice"),
                                        lead("carol"),
                                        person(MALLORY),
                                        lead("dana")),
                        needs(1).counting("bob", "dana")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeAndContent")
    void timeAndContent(String behaviour, Scenario scenario, Expect expect) {
        expect.check(scenario.decide());
    }

    static Stream<Arguments> timeAndContent() {
        return Stream.of(
                arguments(
                        "an approval older than the expiry does not count",
                        Scenario.under(TWO_LEADS).events(lead("bob").ago(Duration.ofHours(25)), lead("dana")),
                        needs(1).judging("bob", EXPIRED)
                                .saying("bob's approval of 2026-10-20 09:00 UTC has expired: rule 'production' counts"
                                        + " approvals for 24 hours")),
                arguments(
                        "an approval exactly as old as the expiry has expired",
                        Scenario.under(TWO_LEADS).events(lead("bob").ago(Duration.ofHours(24)), lead("dana")),
                        needs(1).judging("bob", EXPIRED)),
                arguments(
                        "an approval a minute younger than the expiry counts",
                        Scenario.under(TWO_LEADS)
                                .events(lead("bob").ago(Duration.ofHours(24).minusMinutes(1)), lead("dana")),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "a renewed approval counts when the first has expired",
                        Scenario.under(TWO_LEADS)
                                .events(lead("bob").ago(Duration.ofHours(30)), lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED).judging("bob", EXPIRED, COUNTS)),
                arguments(
                        "without an expiry, approvals count until the content changes",
                        Scenario.under(ProtectionRule.protecting("production", "production-*")
                                        .withApprovals(2, Approvers.groups("release-leads")))
                                .events(lead("bob").ago(Duration.ofDays(90)), lead("dana")),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "an approval for other content is void",
                        Scenario.under(TWO_LEADS).events(lead("bob").forOtherContent(), lead("dana")),
                        needs(1).judging("bob", OTHER_CONTENT).saying("was for release abababababab, not this one")),
                arguments(
                        "an approval dated after the decision does not count yet",
                        Scenario.under(TWO_LEADS).events(lead("bob").ago(Duration.ofMinutes(-5)), lead("dana")),
                        needs(1).judging("bob", NOT_YET).saying("check the clocks")),
                arguments(
                        "approvals of a release that has run since are left out of the explanation",
                        Scenario.under(TWO_LEADS)
                                .events(lead("bob").forOtherContent().ago(Duration.ofDays(3)))
                                .succeeded(Scenario.PRODUCTION, NOW.minus(Duration.ofDays(2))),
                        needs(2).judging("bob")),
                arguments(
                        "nothing to deploy needs no approval",
                        Scenario.under(TWO_LEADS).deployedAlready(),
                        allowed(Grounds.NOTHING_TO_RELEASE).saying("nothing to deploy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectionsAndBypasses")
    void rejectionsAndBypasses(String behaviour, Scenario scenario, Expect expect) {
        expect.check(scenario.decide());
    }

    static Stream<Arguments> rejectionsAndBypasses() {
        ProtectionRule bypassable = TWO_LEADS.withAdminBypass(true);
        return Stream.of(
                arguments(
                        "a rejection by an eligible approver refuses the release despite a quorum",
                        Scenario.under(TWO_LEADS)
                                .events(lead("bob"), lead("dana"), lead("erin").rejects("breaks checkout")),
                        refused(RefusalReason.REJECTED)
                                .saying("erin rejected it at 2026-10-21 09:00 UTC: \"breaks checkout\"")
                                .saying("A rejection stands until the manifest changes")),
                arguments(
                        "a rejection does not expire",
                        Scenario.under(TWO_LEADS)
                                .events(lead("erin").rejects("no").ago(Duration.ofDays(30)), lead("bob"), lead("dana")),
                        refused(RefusalReason.REJECTED).judging("bob", AFTER_REJECTION)),
                arguments(
                        "approvals after a rejection do not count",
                        Scenario.under(TWO_LEADS)
                                .events(lead("erin").rejects("no").ago(Duration.ofHours(2)), lead("bob")),
                        refused(RefusalReason.REJECTED)
                                .judging("bob", AFTER_REJECTION)
                                .saying("came after erin rejected this release")),
                arguments(
                        "the author may reject her own release",
                        Scenario.under(TWO_LEADS)
                                .events(lead("alice").rejects("wrong commit"), lead("bob"), lead("dana")),
                        refused(RefusalReason.REJECTED)),
                arguments(
                        "a rejection by someone outside the approvers is ignored",
                        Scenario.under(TWO_LEADS).events(person(MALLORY).rejects("no"), lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED).judging("mallory", NOT_ELIGIBLE)),
                arguments(
                        "a rejection of other content does not touch this release",
                        Scenario.under(TWO_LEADS)
                                .events(lead("erin").rejects("no").forOtherContent(), lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "a second rejection repeats the first",
                        Scenario.under(TWO_LEADS)
                                .events(
                                        lead("erin").rejects("no").ago(Duration.ofHours(2)),
                                        lead("bob").rejects("no")),
                        refused(RefusalReason.REJECTED).counting("erin").judging("bob", DUPLICATE)),
                arguments(
                        "an administrator's bypass is refused when the rule does not allow it",
                        Scenario.under(TWO_LEADS).events(person(ROOT).bypasses("incident 42")),
                        needs(2).judging("root", BYPASS_NOT_ALLOWED)
                                .saying("root cannot bypass rule 'production': it does not allow administrators")),
                arguments(
                        "an administrator's bypass lets the release through when the rule allows it, and says so",
                        Scenario.under(bypassable).events(person(ROOT).bypasses("incident 42")),
                        allowed(Grounds.BYPASSED)
                                .counting("root")
                                .saying("root bypassed rule 'production' as an administrator at 2026-10-21 09:00 UTC:"
                                        + " \"incident 42\". The bypass is recorded.")),
                arguments(
                        "only an administrator can bypass",
                        Scenario.under(bypassable).events(lead("bob").bypasses("hurry")),
                        needs(2).judging("bob", NOT_ADMIN)),
                arguments(
                        "a bypass must give a reason",
                        Scenario.under(bypassable).events(person(ROOT).bypasses(" ")),
                        needs(2).judging("root", NO_REASON)),
                arguments(
                        "a bypass expires like an approval",
                        Scenario.under(bypassable)
                                .events(person(ROOT).bypasses("incident").ago(Duration.ofDays(2))),
                        needs(2).judging("root", EXPIRED)),
                arguments(
                        "a bypass overrides a rejection (break glass)",
                        Scenario.under(bypassable)
                                .events(
                                        lead("erin").rejects("no").ago(Duration.ofHours(3)),
                                        person(ROOT).bypasses("sev1")),
                        allowed(Grounds.BYPASSED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promotionOrder")
    void promotionOrder(String behaviour, Scenario scenario, Expect expect) {
        expect.check(scenario.decide());
    }

    static Stream<Arguments> promotionOrder() {
        ProtectionRule afterStaging = TWO_LEADS.withRequires("staging-*");
        return Stream.of(
                arguments(
                        "content never released upstream is refused, approved or not",
                        Scenario.under(afterStaging).releasing(PROMOTED).events(lead("bob"), lead("dana")),
                        refused(RefusalReason.PROMOTION_ORDER)
                                .saying("rule 'production' requires its content to have succeeded in staging-* first")
                                .saying("nothing has succeeded in an environment matching staging-* yet")),
                arguments(
                        "a refusal for promotion order also says which approvals can be given meanwhile",
                        Scenario.under(afterStaging).releasing(PROMOTED).events(lead("bob")),
                        refused(RefusalReason.PROMOTION_ORDER)
                                .saying("Release it there first. Meanwhile, it needs 1 more approval (2 required) from"
                                        + " a member of release-leads; given so far by bob; not by Alice Liddell"
                                        + " (authored this release) or carol (started this release).")),
                arguments(
                        "the same content succeeded in staging: allowed, though release ids differ",
                        Scenario.under(afterStaging)
                                .releasing(PROMOTED)
                                .succeeded(STAGING, NOW.minus(Duration.ofDays(1)))
                                .events(lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)
                                .saying("its content succeeded in staging-us-east-2 at 2026-10-20 10:00 UTC")),
                arguments(
                        "other content succeeded in staging: refused, with the differences",
                        Scenario.under(afterStaging)
                                .succeeded(STAGING, NOW.minus(Duration.ofDays(1)))
                                .events(lead("bob"), lead("dana")),
                        refused(RefusalReason.PROMOTION_ORDER)
                                .saying("The latest, release " + STAGING.id().shortForm()
                                        + " in staging-us-east-2 at 2026-10-20 10:00 UTC, differs:")
                                .saying("product1/deploy/resources is 4f545ec8f09c there, 3e1bfbd23a38 here")
                                .saying("product1/image/product1/microservice-2 is dev_456 there, dev_401 here")),
                arguments(
                        "an older success with this content still counts after staging moved on",
                        Scenario.under(afterStaging)
                                .succeeded(STAGING, NOW.minus(Duration.ofDays(1)))
                                .releasing(PROMOTED)
                                .succeeded(Scenario.PRODUCTION, NOW.minus(Duration.ofDays(5)))
                                .events(lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "a success in the target environment itself is not an upstream success",
                        Scenario.under(TWO_LEADS.withRequires("*"))
                                .succeeded(Scenario.PRODUCTION, NOW.minus(Duration.ofDays(1)))
                                .events(lead("bob"), lead("dana")),
                        refused(RefusalReason.PROMOTION_ORDER)),
                arguments(
                        "a rule may protect with promotion order alone",
                        Scenario.under(ProtectionRule.protecting("production", "production-*")
                                        .withRequires("staging-us-east-2"))
                                .releasing(PROMOTED)
                                .succeeded(STAGING, NOW.minus(Duration.ofDays(1))),
                        allowed(Grounds.APPROVED).saying("no approval is required")),
                arguments(
                        "a rejection is reported before promotion order",
                        Scenario.under(afterStaging).events(lead("erin").rejects("no")),
                        refused(RefusalReason.REJECTED)),
                arguments(
                        "a rule asking for verified upstream releases does not count one that was not verified",
                        Scenario.under(afterStaging.withVerifiedUpstream(new VerifiedUpstream(true, Optional.empty())))
                                .releasing(PROMOTED)
                                .succeeded(STAGING, NOW.minus(Duration.ofDays(1)))
                                .events(lead("bob"), lead("dana")),
                        refused(RefusalReason.PROMOTION_ORDER)
                                .saying("and verified there; it succeeded in staging-us-east-2 at 2026-10-20 10:00 UTC"
                                        + " but was not verified")),
                arguments(
                        "a verified upstream release counts, and the decision says when it was verified",
                        Scenario.under(afterStaging.withVerifiedUpstream(new VerifiedUpstream(true, Optional.empty())))
                                .releasing(PROMOTED)
                                .verified(STAGING, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(23)))
                                .events(lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)
                                .saying("its content succeeded in staging-us-east-2 at 2026-10-20 10:00 UTC and was"
                                        + " verified at 2026-10-20 11:00 UTC")),
                arguments(
                        "content verified upstream for less than the bake time waits, saying until when",
                        Scenario.under(afterStaging.withVerifiedUpstream(
                                        new VerifiedUpstream(true, Optional.of(Duration.ofHours(2)))))
                                .releasing(PROMOTED)
                                .verified(STAGING, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofMinutes(40)))
                                .events(lead("bob"), lead("dana")),
                        refused(RefusalReason.PROMOTION_ORDER)
                                .saying("requires its content to have been verified in staging-* for 2 hours")
                                .saying("It can run after 2026-10-21 11:20 UTC, when it has been verified in"
                                        + " staging-us-east-2 for 2 hours.")),
                arguments(
                        "content baked long enough runs",
                        Scenario.under(afterStaging.withVerifiedUpstream(
                                        new VerifiedUpstream(false, Optional.of(Duration.ofHours(2)))))
                                .releasing(PROMOTED)
                                .succeeded(STAGING, NOW.minus(Duration.ofHours(3)))
                                .events(lead("bob"), lead("dana")),
                        allowed(Grounds.APPROVED)));
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final WeeklyFreeze WEEKEND =
            new WeeklyFreeze("weekend", WeeklyTime.parse("Friday 18:00"), WeeklyTime.parse("Monday 08:00"), BERLIN);
    /** Saturday 2026-10-24, 12:00 in Berlin: inside the weekend freeze. */
    private static final Instant SATURDAY = Instant.parse("2026-10-24T10:00:00Z");

    private static final Identity SAM = Identity.of("sam").withGroups("sre-oncall");
    private static final Identity TOM = Identity.of("tom").withGroups("sre-oncall");

    @ParameterizedTest(name = "{0}")
    @MethodSource("freezes")
    void freezes(String behaviour, Scenario scenario, Instant now, Expect expect) {
        expect.check(scenario.decideAt(now));
    }

    static Stream<Arguments> freezes() {
        ProtectionRule frozenWeekends = TWO_LEADS.withFreezeWindows(WEEKEND);
        ProtectionRule withOverride =
                frozenWeekends.withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        ProtectionRule twoToOverride =
                frozenWeekends.withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 2));
        ProtectionRule neverExpiring = ProtectionRule.protecting("production", "production-*")
                .withApprovals(2, Approvers.groups("release-leads"))
                .withFreezeWindows(WEEKEND)
                .withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        Instant saturdayMorning = SATURDAY.minus(Duration.ofHours(1));
        return Stream.of(
                arguments(
                        "outside the freeze the approvals are enough",
                        Scenario.under(frozenWeekends).events(lead("bob"), lead("dana")),
                        NOW,
                        allowed(Grounds.APPROVED)),
                arguments(
                        "inside the freeze, without an override configured, the release is refused until it ends",
                        Scenario.under(frozenWeekends)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning)),
                        SATURDAY,
                        refused(RefusalReason.FROZEN)
                                .saying("it is frozen until Mon 2026-10-26 08:00 CET by the freeze window 'weekend'"
                                        + " (Fri 2026-10-23 18:00 CEST until Mon 2026-10-26 08:00 CET, Europe/Berlin)")
                                .saying("has no emergency override. Try again after the freeze.")),
                arguments(
                        "a refusal for a freeze also says which approvals can be given meanwhile",
                        Scenario.under(frozenWeekends),
                        SATURDAY,
                        refused(RefusalReason.FROZEN)
                                .saying("Try again after the freeze. Meanwhile, it needs 2 approvals (2 required) from"
                                        + " a member of release-leads")),
                arguments(
                        "inside the freeze, approvals alone are not enough: an override is missing",
                        Scenario.under(withOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning)),
                        SATURDAY,
                        needs(1).counting("bob", "dana")
                                .saying("to run before then it needs 1 emergency override (1 required) from a member"
                                        + " of sre-oncall")),
                arguments(
                        "an emergency override with the approvals lets the release through",
                        Scenario.under(withOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning),
                                        person(SAM).overrides("INC-42 hotfix").at(saturdayMorning)),
                        SATURDAY,
                        allowed(Grounds.APPROVED).saying("the freeze is lifted by the emergency override of sam")),
                arguments(
                        "an emergency override does not replace the approvals",
                        Scenario.under(withOverride)
                                .events(person(SAM).overrides("INC-42").at(saturdayMorning)),
                        SATURDAY,
                        needs(2).counting("sam").saying("It needs 2 approvals")),
                arguments(
                        "only the override's approvers can override",
                        Scenario.under(withOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning),
                                        lead("erin").overrides("please").at(saturdayMorning)),
                        SATURDAY,
                        needs(1).judging("erin", NOT_ELIGIBLE).saying("only a member of sre-oncall can")),
                arguments(
                        "the override's own quorum needs distinct people",
                        Scenario.under(twoToOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                                lead("dana").at(saturdayMorning),
                                        person(SAM).overrides("a").at(saturdayMorning),
                                                person(SAM).overrides("b").at(saturdayMorning)),
                        SATURDAY,
                        needs(1).judging("sam", COUNTS, DUPLICATE)),
                arguments(
                        "the override's own quorum reached by two on-call engineers",
                        Scenario.under(twoToOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                                lead("dana").at(saturdayMorning),
                                        person(SAM).overrides("a").at(saturdayMorning),
                                                person(TOM).overrides("b").at(saturdayMorning)),
                        SATURDAY,
                        allowed(Grounds.APPROVED)),
                arguments(
                        "the author cannot override the freeze for her own release",
                        Scenario.under(withOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning),
                                        person(Identity.of("alice").withGroups("sre-oncall"))
                                                .overrides("mine")
                                                .at(saturdayMorning)),
                        SATURDAY,
                        needs(1).judging("alice", Standing.AUTHOR)
                                .saying("alice cannot grant an emergency override: alice authored this release")),
                arguments(
                        "an override given before the freeze does not lift it",
                        Scenario.under(neverExpiring)
                                .events(lead("bob"), lead("dana"), person(SAM).overrides("in advance")),
                        SATURDAY,
                        needs(1).judging("sam", Standing.NOT_FROZEN)
                                .saying("no freeze was in effect when it was given")),
                arguments(
                        "an override lifts only the freeze it was given in",
                        Scenario.under(neverExpiring)
                                .events(
                                        lead("bob"),
                                        lead("dana"),
                                        person(SAM).overrides("last weekend").at(SATURDAY.minus(Duration.ofDays(7)))),
                        SATURDAY,
                        needs(1).judging("sam", Standing.NOT_FROZEN).saying("it was given during an earlier freeze")),
                arguments(
                        "an override where the rule has none does not count",
                        Scenario.under(frozenWeekends)
                                .events(person(SAM).overrides("please").at(saturdayMorning)),
                        SATURDAY,
                        refused(RefusalReason.FROZEN).judging("sam", Standing.NO_EMERGENCY_OVERRIDE)),
                arguments(
                        "approvals given during the freeze count once it is over",
                        Scenario.under(neverExpiring)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning)),
                        Instant.parse("2026-10-26T07:00:00Z"),
                        allowed(Grounds.APPROVED)),
                arguments(
                        "with a 24-hour expiry, Saturday's approvals are void by Monday",
                        Scenario.under(withOverride)
                                .events(
                                        lead("bob").at(saturdayMorning),
                                        lead("dana").at(saturdayMorning)),
                        Instant.parse("2026-10-26T07:00:00Z"),
                        needs(2).judging("bob", EXPIRED)),
                arguments(
                        "a rejection is reported before the freeze",
                        Scenario.under(frozenWeekends)
                                .events(lead("erin").rejects("no").at(saturdayMorning)),
                        SATURDAY,
                        refused(RefusalReason.REJECTED)));
    }

    @Test
    void anOverrideGivenDuringAYearEndFreezeCoversTheWeekendInsideIt() {
        DateRangeFreeze yearEnd = new DateRangeFreeze(
                "year-end", LocalDateTime.parse("2026-12-19T00:00"), LocalDateTime.parse("2027-01-04T08:00"), BERLIN);
        ProtectionRule rule = ProtectionRule.protecting("production", "production-*")
                .withApprovals(1, Approvers.groups("release-leads"))
                .withFreezeWindows(WEEKEND, yearEnd)
                .withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        Instant thursday = Instant.parse("2026-12-24T10:00:00Z");
        Instant saturday = Instant.parse("2026-12-26T10:00:00Z");
        Decision decision = Scenario.under(rule)
                .events(
                        lead("bob").at(thursday),
                        person(SAM).overrides("payments outage").at(thursday))
                .decideAt(saturday);
        allowed(Grounds.APPROVED).counting("bob", "sam").check(decision);
        Decision waiting = Scenario.under(rule).events(lead("bob").at(thursday)).decideAt(saturday);
        needs(1).saying("It is frozen until Mon 2027-01-04 08:00 CET by the freeze windows"
                        + " 'weekend' (Fri 2026-12-25 18:00 CET until Mon 2026-12-28 08:00 CET, Europe/Berlin) and"
                        + " 'year-end' (Sat 2026-12-19 00:00 CET until Mon 2027-01-04 08:00 CET, Europe/Berlin)")
                .check(waiting);
    }
}
