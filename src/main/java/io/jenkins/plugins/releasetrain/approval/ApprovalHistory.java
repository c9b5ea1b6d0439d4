package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decision looks back on: the approval events of the target environment, and the releases that
 * succeeded anywhere (for promotion order). The ledger provides both; so can a test, as plain records.
 */
public record ApprovalHistory(List<ApprovalEvent> events, List<SucceededRelease> successes) {

    public ApprovalHistory {
        events = List.copyOf(events);
        successes = List.copyOf(successes);
    }

    public static ApprovalHistory empty() {
        return new ApprovalHistory(List.of(), List.of());
    }

    public static ApprovalHistory of(List<ApprovalEvent> events, List<SucceededRelease> successes) {
        return new ApprovalHistory(events, successes);
    }

    public ApprovalHistory with(ApprovalEvent event) {
        List<ApprovalEvent> more = new ArrayList<>(events);
        more.add(event);
        return new ApprovalHistory(more, successes);
    }

    public ApprovalHistory withSuccess(SucceededRelease success) {
        List<SucceededRelease> more = new ArrayList<>(successes);
        more.add(success);
        return new ApprovalHistory(events, more);
    }
}
