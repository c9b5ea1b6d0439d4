package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/**
 * The verdict on one attempt: how it stands (and why), and the decision as it is once the attempt is
 * recorded. Record {@link #event()} in the ledger when {@link #shouldRecord()}; attempts that cannot count
 * are answered, not recorded.
 */
public record AttemptResult(Judgement judgement, Decision decision) {

    public AttemptResult {
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(decision, "decision");
    }

    public ApprovalEvent event() {
        return judgement.event();
    }

    public boolean counts() {
        return judgement.counts();
    }

    public boolean shouldRecord() {
        return judgement.standing().isRecorded();
    }
}
