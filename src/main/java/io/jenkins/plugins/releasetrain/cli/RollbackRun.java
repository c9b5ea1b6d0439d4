package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.ImageTagging;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RegistryImageTagging;
import io.jenkins.plugins.releasetrain.plan.ReleaseRunner;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.RunGate;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollback run as {@code rollback} and the automatic rollback after a failed verification make it: the target's
 * recorded manifest, its images pinned to the digests they had then, recorded as a rollback.
 */
final class RollbackRun {

    private final RunSettings settings;
    private final RollbackTarget target;
    private final ReleaseRunner runner;
    private final boolean hasRegistry;

    RollbackRun(RunSettings settings, Optional<ImageRegistry> images, RollbackTarget target, boolean resume)
            throws InvalidRunException {
        this.settings = settings;
        this.target = target;
        this.hasRegistry = images.isPresent();
        ImageTagging tagging = images.<ImageTagging>map(r -> new RegistryImageTagging(r, target.digests()))
                .orElseGet(() -> ImageTagging.unavailable("no --registry given: the image was not tagged"));
        this.runner = new ReleaseRunner(
                settings.ledger(),
                settings.handlers(),
                tagging,
                settings.options(resume, false).withAlwaysRun(target.moved()),
                Clock.systemUTC());
    }

    RunPreview preview() throws InvalidRunException {
        return runner.preview(target.manifest());
    }

    /** Why the rollback cannot run as previewed: the runner's reasons, and images it could not restore. */
    List<String> problems(RunPreview preview) {
        List<String> problems = new ArrayList<>(runner.problems(preview));
        long images = preview.plan().artifacts().stream()
                .filter(a -> a.kind() == ArtifactKind.IMAGE
                        && a.change() != ChangeKind.REMOVED
                        && (a.change() != ChangeKind.UNCHANGED || target.moved().contains(a.id())))
                .count();
        if (images > 0 && !hasRegistry) {
            problems.add("--registry REF is required: the rollback moves " + images + " image tag"
                    + (images == 1 ? "" : "s") + " back to the digests they had after run "
                    + target.target().runId());
        }
        return problems;
    }

    /** Stops the rollback in progress (Ctrl-C): see {@link ReleaseRunner#cancel}. */
    void cancel() {
        runner.cancel();
    }

    /** The words after the release in the run's header: what it is. */
    String source() {
        return "as a rollback to run " + target.target().runId();
    }

    RecordedRun run(
            Terminal terminal, RunListener progress, String reason, RunGate gate, RecordedRun.InvalidInput invalid)
            throws InterruptedException {
        RunGate recorded = RunGate.recording(gate, target.record(reason).details());
        return RecordedRun.run(terminal, runner, target.manifest(), settings, progress, recorded, invalid);
    }
}
