package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Rules that need approvals from several groups at once: the decision's wording per group, and, over random teams,
 * that a release is allowed exactly when some assignment of the people who approved (each to one group they belong
 * to) meets every group, as a brute-force oracle finds it.
 */
class ApprovalGroupsTest {

    private static final String ENVIRONMENT = "production-us-east-2";
    private static final ReleaseId THIS = Scenario.PRODUCTION.id();
    private static final ReleaseContent CONTENT = ReleaseContent.of(Scenario.PRODUCTION);
    private static final Instant NOW = Instant.parse("2026-10-21T10:00:00Z");

    private static final ProtectionRule SECURITY_AND_LEADS = ProtectionRule.protecting("production", "production-*")
            .withApprovalGroups(
                    new ApprovalGroup("security", Approvers.groups("security"), 1),
                    new ApprovalGroup("release leads", Approvers.groups("release-leads"), 2));

    @Test
    void theDecisionSaysPerGroupWhatIsMissingAndFromWhom() {
        Decision decision = decide(SECURITY_AND_LEADS, approval("bob", "release-leads"));

        assertThat(decision).isInstanceOf(Decision.NeedsApprovals.class);
        assertThat(decision.message())
                .isEqualTo("Release " + THIS.shortForm() + " cannot run in " + ENVIRONMENT + " yet (rule 'production')."
                        + " It needs 1 approval (1 required) for 'security' from a member of security, and 1 more"
                        + " approval (2 required) for 'release leads' from a member of release-leads; given so far by"
                        + " bob; not by alice (started this release).");
        assertThat(((Decision.NeedsApprovals) decision).shortfalls())
                .extracting(s -> s.group().orElseThrow())
                .containsExactly("security", "release leads");
    }

    @Test
    void someoneInBothGroupsCountsWhereTheReleaseNeedsThemAndOnlyOnce() {
        // carol is in both; placed in security, bob and dana fill release leads.
        Decision allowed = decide(
                SECURITY_AND_LEADS,
                approval("carol", "security", "release-leads"),
                approval("bob", "release-leads"),
                approval("dana", "release-leads"));
        assertThat(allowed.isAllowed()).as(allowed.message()).isTrue();
        assertThat(allowed.message())
                .contains("approved by bob, carol and dana (3 of 3 required: security: carol; release leads: bob and"
                        + " dana)");

        // Two people, one of them in both: three approvals are needed, one person counts once.
        Decision short1 = decide(
                SECURITY_AND_LEADS, approval("carol", "security", "release-leads"), approval("bob", "release-leads"));
        assertThat(short1.isAllowed()).isFalse();
        assertThat(short1.message()).contains("1 more approval (2 required) for 'release leads'");
    }

    @Test
    void aRuleWithOneQuorumKeepsItsMeaning() {
        ProtectionRule classic = ProtectionRule.protecting("production", "production-*")
                .withApprovals(2, Approvers.groups("release-leads"));
        assertThat(classic.approvalGroups()).isEmpty();
        assertThat(decide(classic, approval("bob", "release-leads")).message())
                .endsWith(
                        "It needs 1 more approval (2 required) from a member of release-leads; given so far by bob; not"
                                + " by alice (started this release).");
    }

    @Property(tries = 300)
    void allowedExactlyWhenSomeAssignmentMeetsEveryGroup(@ForAll("teams") Team team) {
        Decision decision = decide(team.rule(), team.approvals().toArray(ApprovalEvent[]::new));

        assertThat(decision.isAllowed())
                .as("%s -> %s", team, decision.message())
                .isEqualTo(oracle(team.rule().approvalGroups(), team.approvals()));
    }

    /** A random rule of one to three groups and people who approved, each in some of the groups. */
    record Team(ProtectionRule rule, List<ApprovalEvent> approvals) {}

    @Provide
    Arbitrary<Team> teams() {
        List<String> groupNames = List.of("security", "leads", "sre");
        Arbitrary<List<Integer>> counts =
                Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Set<String>>> memberships = Arbitraries.of(groupNames)
                .set()
                .ofMinSize(1)
                .ofMaxSize(3)
                .list()
                .ofMinSize(0)
                .ofMaxSize(6);
        return Combinators.combine(counts, memberships).as((c, m) -> {
            List<ApprovalGroup> groups = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                groups.add(new ApprovalGroup(groupNames.get(i), Approvers.groups(groupNames.get(i)), c.get(i)));
            }
            ProtectionRule rule = ProtectionRule.protecting("production", "production-*")
                    .withApprovalGroups(groups.toArray(ApprovalGroup[]::new));
            List<ApprovalEvent> approvals = new ArrayList<>();
            for (int p = 0; p < m.size(); p++) {
                approvals.add(approval("person" + p, m.get(p).toArray(String[]::new)));
            }
            return new Team(rule, approvals);
        });
    }

    /** Every way of giving each approver one of their groups (or none): does any meet every group's count? */
    private static boolean oracle(List<ApprovalGroup> groups, List<ApprovalEvent> approvals) {
        return tryAssign(groups, approvals, 0, new int[groups.size()]);
    }

    private static boolean tryAssign(List<ApprovalGroup> groups, List<ApprovalEvent> approvals, int next, int[] got) {
        if (next == approvals.size()) {
            for (int g = 0; g < groups.size(); g++) {
                if (got[g] < groups.get(g).requiredApprovals()) {
                    return false;
                }
            }
            return true;
        }
        if (tryAssign(groups, approvals, next + 1, got)) {
            return true;
        }
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).approvers().include(approvals.get(next).actor())) {
                got[g]++;
                boolean met = tryAssign(groups, approvals, next + 1, got);
                got[g]--;
                if (met) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ApprovalEvent approval(String user, String... groups) {
        return new ApprovalEvent(
                THIS,
                ENVIRONMENT,
                Identity.of(user).withGroups(new HashSet<>(List.of(groups))),
                ApprovalAction.APPROVE,
                "",
                NOW.minus(Duration.ofMinutes(5)));
    }

    private static Decision decide(ProtectionRule rule, ApprovalEvent... approvals) {
        ApprovalRequest request = new ApprovalRequest(
                THIS,
                ENVIRONMENT,
                CONTENT,
                true,
                ApprovalHistory.of(List.of(approvals), List.of()),
                new Participants(Optional.of(Identity.of("alice")), List.of()),
                NameKeys.CASE_INSENSITIVE);
        return ApprovalGate.decide(Optional.of(rule), request, NOW);
    }
}
