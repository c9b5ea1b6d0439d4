package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for each artifact of a planned release, whether a run runs it:
 *
 * <ol>
 *   <li>with {@code resume}, an artifact that succeeded in the release's previous run is not run again;
 *   <li>an artifact already live with this content (unchanged) is not run, unless {@code all};
 *   <li>an image is skipped when images cannot be tagged (no registry);
 *   <li>everything else runs.
 * </ol>
 *
 * Artifacts the release no longer has (removed) are not undeployed; they are reported by the plan only.
 */
final class RunSelection {

    private RunSelection() {}

    static List<RunStep> select(
            ReleasePlan plan, RunOptions options, Optional<ReleaseRun> previous, ImageTagging images) {
        List<RunStep> steps = new ArrayList<>();
        for (PlannedArtifact planned : plan.artifacts()) {
            if (planned.change() == ChangeKind.REMOVED) {
                continue;
            }
            Artifact artifact = planned.afterArtifact().orElseThrow();
            ChangeKind change = planned.change();
            Optional<ArtifactResult> before = previous.flatMap(run -> run.result(artifact.id()))
                    .filter(result -> result.status().isLive());
            if (options.resume() && before.isPresent()) {
                String run = before.get().runId().value();
                steps.add(RunStep.toRecord(
                        artifact,
                        change,
                        change == ChangeKind.UNCHANGED
                                ? TaskOutcome.unchanged("succeeded in run " + run + "; not run again (--resume)")
                                : TaskOutcome.skipped("succeeded in run " + run + ", but what is live changed since;"
                                        + " run without --resume to deploy it again")));
            } else if (change == ChangeKind.UNCHANGED
                    && !options.all()
                    && !options.alwaysRun().contains(artifact.id())) {
                steps.add(RunStep.toRecord(
                        artifact,
                        change,
                        TaskOutcome.unchanged("already live with this content; not run (--all runs it anyway)")));
            } else if (artifact.kind() == ArtifactKind.IMAGE
                    && images.unavailableReason().isPresent()) {
                steps.add(RunStep.toRecord(
                        artifact,
                        change,
                        TaskOutcome.skipped(images.unavailableReason().get())));
            } else {
                steps.add(RunStep.toRun(artifact, change));
            }
        }
        return List.copyOf(steps);
    }
}
