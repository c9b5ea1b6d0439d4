package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.LedgerWarning;
import io.jenkins.plugins.releasetrain.ledger.PlanSummary;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run would do, decided from the ledger as it is now: the plan against what is live, and for each
 * artifact whether it runs. {@code --dry-run} prints this and stops.
 *
 * @param previous    the release's latest earlier run, if any (what {@code --resume} continues)
 * @param warnings    damaged ledger lines met while reading
 * @param nothingToDo why the run would do nothing at all and record nothing, when so
 */
public record RunPreview(
        LoadedManifest manifest,
        ReleasePlan plan,
        Optional<ReleaseRun> previous,
        List<RunStep> steps,
        List<LedgerWarning> warnings,
        Optional<String> nothingToDo) {

    public RunPreview {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(previous, "previous");
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(nothingToDo, "nothingToDo");
    }

    public Release release() {
        return manifest.release();
    }

    /** The steps that run a task. */
    public List<RunStep> runnable() {
        return steps.stream().filter(RunStep::runs).toList();
    }

    /**
     * The artifacts the release's previous run started and never recorded a result for: they were under way
     * when that run stopped (its runner was killed, the machine went down). Their work may have completed
     * after; a resumed run does it again.
     */
    public List<String> interruptedArtifacts() {
        return previous.map(ReleaseRun::artifactsWithoutResult).orElse(List.of());
    }

    public PlanSummary summary() {
        return new PlanSummary(
                (int) plan.count(ChangeKind.ADDED),
                (int) plan.count(ChangeKind.CHANGED),
                (int) plan.count(ChangeKind.UNCHANGED),
                (int) plan.count(ChangeKind.REMOVED));
    }
}
