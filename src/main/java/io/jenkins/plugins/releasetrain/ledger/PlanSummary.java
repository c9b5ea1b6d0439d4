package io.jenkins.plugins.releasetrain.ledger;

/** How many artifacts the plan of a run found added, changed, unchanged and removed. */
public record PlanSummary(int added, int changed, int unchanged, int removed) {

    public PlanSummary {
        if (added < 0 || changed < 0 || unchanged < 0 || removed < 0) {
            throw new IllegalArgumentException("plan counts are never negative");
        }
    }

    public static PlanSummary none() {
        return new PlanSummary(0, 0, 0, 0);
    }
}
