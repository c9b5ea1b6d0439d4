package io.jenkins.plugins.releasetrain.approval;

import static io.jenkins.plugins.releasetrain.approval.Scenario.NOW;
import static io.jenkins.plugins.releasetrain.approval.Scenario.PRODUCTION;
import static io.jenkins.plugins.releasetrain.approval.Scenario.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * People are compared as the identity provider compares them, by user id and group name only; lists of names
 * keep their spaces; and a release whose authors nobody can tell is not approved as if nobody wrote it.
 */
class IdentityComparisonTest {

    /** A realm where user ids and group names are case-sensitive, as Jenkins' CaseSensitive strategy. */
    private static final NameKeys CASE_SENSITIVE = new NameKeys() {
        @Override
        public String user(String id) {
            return id.strip();
        }

        @Override
        public String group(String name) {
            return name.strip();
        }
    };

    private static final ProtectionRule ALICE_AND_BOB =
            ProtectionRule.protecting("production", "production-*").withApprovals(2, Approvers.users("alice", "bob"));

    private static Decision decide(ProtectionRule rule, Scenario scenario, NameKeys names) {
        return ApprovalGate.decide(Optional.of(rule), scenario.request().comparingNamesWith(names), NOW);
    }

    @Test
    void inACaseSensitiveRealmAliceIsNotAlice() {
        Scenario scenario = Scenario.under(ALICE_AND_BOB)
                .with(Participants.none())
                .events(person(Identity.of("Alice")), person(Identity.of("bob")));

        assertThat(decide(ALICE_AND_BOB, scenario, NameKeys.CASE_INSENSITIVE).isAllowed())
                .isTrue();
        Decision sensitive = decide(ALICE_AND_BOB, scenario, CASE_SENSITIVE);
        assertThat(sensitive.isAllowed()).isFalse();
        assertThat(sensitive.judgements())
                .filteredOn(j -> j.event().actor().user().equals("Alice"))
                .extracting(Judgement::standing)
                .containsExactly(Standing.NOT_ELIGIBLE);
    }

    @Test
    void groupsCompareAsTheRealmSays() {
        ProtectionRule leads = ProtectionRule.protecting("production", "production-*")
                .withApprovals(1, Approvers.groups("Release Leads"));
        Scenario scenario = Scenario.under(leads)
                .with(Participants.none())
                .event(person(Identity.of("dana").withGroups("release leads")));

        assertThat(decide(leads, scenario, NameKeys.CASE_INSENSITIVE).isAllowed())
                .isTrue();
        assertThat(decide(leads, scenario, CASE_SENSITIVE).isAllowed()).isFalse();
    }

    @Test
    void aFullNameNeitherMakesSomeoneAListedApproverNorTwoPeopleOne() {
        // mallory renamed herself "alice" and "bob": her approval is hers, and bob's still counts
        Identity mallory = Identity.of("mallory").withAliases("alice", "bob");
        Scenario scenario = Scenario.under(ALICE_AND_BOB)
                .with(Participants.none())
                .events(person(mallory), person(Identity.of("bob")), person(Identity.of("alice")));

        Decision decision = decide(ALICE_AND_BOB, scenario, NameKeys.CASE_INSENSITIVE);

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.judgements())
                .extracting(j -> j.event().actor().user(), Judgement::standing)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("mallory", Standing.NOT_ELIGIBLE),
                        org.assertj.core.groups.Tuple.tuple("bob", Standing.COUNTS),
                        org.assertj.core.groups.Tuple.tuple("alice", Standing.COUNTS));
    }

    @Test
    void namesAreSeparatedByCommasAndLinesAndKeepTheirSpaces() {
        assertThat(Approvers.parseNames(" Release Managers, ops\nqa team \r\n,, "))
                .containsExactly("Release Managers", "ops", "qa team");
        assertThat(Approvers.parseNames(null)).isEmpty();
    }

    @Test
    void aReleaseWhoseAuthorsAreUnknownIsNotApprovedAsIfNobodyWroteIt() {
        ProtectionRule rule = Scenario.TWO_LEADS;
        Participants unknown = new Participants(Optional.of(Identity.of("carol")), List.of())
                .withAuthorsUnknown("the manifest was written by the Pipeline, not checked out from git");
        Scenario scenario = Scenario.under(rule).with(unknown).events(Scenario.lead("bob"), Scenario.lead("dana"));

        Decision refused = ApprovalGate.decide(Optional.of(rule), scenario.request(), NOW);
        Decision allowed =
                ApprovalGate.decide(Optional.of(rule.withUnknownAuthorsAllowed(true)), scenario.request(), NOW);
        Decision authorsMayApprove =
                ApprovalGate.decide(Optional.of(rule.withAuthorApproval(true)), scenario.request(), NOW);

        assertThat(refused).isInstanceOf(Decision.Refused.class);
        assertThat(((Decision.Refused) refused).reason()).isEqualTo(Decision.RefusalReason.UNKNOWN_AUTHORS);
        assertThat(refused.message())
                .contains("who wrote it is unknown (the manifest was written by the Pipeline")
                .contains("allow unknown authors");
        assertThat(allowed.isAllowed()).isTrue();
        assertThat(authorsMayApprove.isAllowed()).isTrue();
        assertThat(PRODUCTION.id()).isEqualTo(refused.releaseId());
    }
}
