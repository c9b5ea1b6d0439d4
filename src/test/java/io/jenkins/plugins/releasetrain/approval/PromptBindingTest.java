package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only an answer given through the release's own prompt, as it was issued, counts; everything else is refused. */
class PromptBindingTest {

    private static final String RELEASE = "777c70fc5df5".repeat(6).substring(0, 64);
    private static final ApprovalPrompt ISSUED = new ApprovalPrompt(
            "Release-777c70fc5df5-1",
            RELEASE,
            "Release 777c70fc5df5 to production-us-east-2 is waiting for approval.\n",
            "alice,release-leads",
            List.of("approve", "reject"));

    private static PromptAnswer answer(
            String id, String message, String submitter, String approver, Map<String, Object> values) {
        return new PromptAnswer(
                id,
                Optional.ofNullable(message),
                Optional.ofNullable(submitter),
                Optional.ofNullable(approver),
                values);
    }

    private static PromptAnswer asIssued(String approver, Map<String, Object> values) {
        return answer(ISSUED.id(), ISSUED.message(), ISSUED.submitter(), approver, values);
    }

    @Test
    void anAnswerToTheIssuedPromptIsBoundWithItsApproverDecisionAndComment() throws Exception {
        BoundAnswer bound = PromptBinding.bind(
                ISSUED, List.of(asIssued("alice", Map.of("decision", "approve", "comment", "LGTM"))));

        assertThat(bound).isEqualTo(new BoundAnswer("alice", ApprovalAction.APPROVE, "LGTM"));
    }

    @Test
    void anAnswerToAnotherQuestionOfTheBuildDoesNotCount() {
        // The attack: input 'Run smoke tests?' answered by a lead, then recordApproval.
        PromptAnswer smokeTests =
                answer("Smoke", "Run smoke tests?", "release-leads", "alice", Map.of("decision", "approve"));

        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(smokeTests)))
                .isInstanceOf(UnboundAnswerException.class)
                .hasMessageContaining("Nobody has answered the approval prompt Release-777c70fc5df5-1");
    }

    @Test
    void theReleasesIdAskedWithOtherWordsDoesNotCount() {
        PromptAnswer reworded =
                answer(ISSUED.id(), "Run smoke tests?", ISSUED.submitter(), "alice", Map.of("decision", "approve"));
        PromptAnswer otherSubmitters =
                answer(ISSUED.id(), ISSUED.message(), "mallory", "mallory", Map.of("decision", "approve"));

        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(reworded))).hasMessageContaining("another message");
        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(otherSubmitters)))
                .hasMessageContaining("another submitter");
    }

    @Test
    void aPromptWhoseWordsTheServerDidNotKeepDoesNotCount() {
        PromptAnswer unknown = answer(ISSUED.id(), null, ISSUED.submitter(), "alice", Map.of("decision", "approve"));

        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(unknown))).hasMessageContaining("is not on record");
    }

    @Test
    void noDecisionIsNoApproval() {
        Map<String, Object> blank = new HashMap<>();
        blank.put("decision", null);

        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(asIssued("alice", Map.of("comment", "ok")))))
                .hasMessageContaining("has no decision");
        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(asIssued("alice", blank))))
                .hasMessageContaining("has no decision");
        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(asIssued("alice", Map.of("decision", " ")))))
                .hasMessageContaining("has no decision");
    }

    @Test
    void aDecisionThePromptDidNotOfferIsRefused() {
        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(asIssued("alice", Map.of("decision", "bypass")))))
                .hasMessageContaining("chose 'bypass', which that prompt did not offer (approve, reject)");
        assertThatThrownBy(() ->
                        PromptBinding.bind(ISSUED, List.of(asIssued("alice", Map.of("decision", "approve\u0000")))))
                .hasMessageContaining("approve\\u0000");
    }

    @Test
    void anAnswerGivenByNobodySignedInDoesNotCount() {
        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(asIssued(null, Map.of("decision", "approve")))))
                .hasMessageContaining("nobody signed in");
    }

    @Test
    void thePromptAskedTwiceInOneBuildCountsForNeither() {
        PromptAnswer first = asIssued("alice", Map.of("decision", "approve"));
        PromptAnswer second = asIssued("bob", Map.of("decision", "approve"));

        assertThatThrownBy(() -> PromptBinding.bind(ISSUED, List.of(first, second)))
                .hasMessageContaining("answered 2 times");
    }

    @Test
    void theDecisionIsReadAsTheActionsAreWritten() throws Exception {
        BoundAnswer bound = PromptBinding.bind(ISSUED, List.of(asIssued("bob", Map.of("decision", " Reject "))));

        assertThat(bound.action()).isEqualTo(ApprovalAction.REJECT);
        assertThat(bound.comment()).isEmpty();
    }
}
