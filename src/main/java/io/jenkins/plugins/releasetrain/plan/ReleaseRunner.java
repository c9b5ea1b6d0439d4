package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStarted;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a release outside Jenkins: plan against what the ledger says is live, take the environment's lock,
 * record the start, fan out one task per artifact that needs one, record each result as it ends, record
 * the end. Everything a run decides is in its {@link RunPreview}; everything it did is in the ledger.
 */
public final class ReleaseRunner {

    private final Ledger ledger;
    private final Optional<HandlerTask> deployments;
    private final ImageTagging images;
    private final RunOptions options;
    private final Clock clock;
    private final ReleaseExecutor executor;

    /**
     * @param handlers the deployment handlers; may be empty when no deployment needs to run
     */
    public ReleaseRunner(
            Ledger ledger, Optional<HandlerDirectory> handlers, ImageTagging images, RunOptions options, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.deployments = handlers.map(h -> new HandlerTask(h, options.timeout(), options.outputLimit()));
        this.images = Objects.requireNonNull(images, "images");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = new ReleaseExecutor(options.concurrency(), clock);
    }

    /**
     * What a run of {@code manifest} would do now; reads the ledger, writes nothing.
     *
     * @throws InvalidRunException with {@code --resume} when the release never ran here
     */
    public RunPreview preview(LoadedManifest manifest) throws InvalidRunException {
        Release release = manifest.release();
        String environment = release.environment().name();
        EnvironmentLedger history = ledger.read(environment);
        EnvironmentState state = history.state();
        ReleasePlan plan =
                ReleasePlan.of(release, new DeployedArtifacts(state.deployedArtifacts(), state.productVersions()));
        Optional<ReleaseRun> previous = history.lastRun(release.id());
        Optional<String> nothingToDo = Optional.empty();
        if (options.resume()) {
            if (previous.isEmpty()) {
                throw new InvalidRunException("nothing to resume: release "
                        + release.id().shortForm() + " has never run in " + environment + "; run it without --resume");
            }
            ReleaseRun last = previous.get();
            if (last.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent()) {
                nothingToDo = Optional.of("release " + release.id().shortForm() + " already succeeded in " + environment
                        + " (run " + last.runId() + "); nothing to resume");
            }
        }
        List<RunStep> steps =
                RunSelection.select(plan, options, options.resume() ? previous : Optional.empty(), images);
        return new RunPreview(manifest, plan, previous, steps, history.warnings(), nothingToDo);
    }

    /**
     * Why the run cannot start as previewed: each missing, unsafe or non-executable handler of a deployment
     * that would run. Empty when it can.
     */
    public List<String> problems(RunPreview preview) {
        Set<String> problems = new LinkedHashSet<>();
        List<String> needed = preview.runnable().stream()
                .map(RunStep::artifact)
                .filter(DeploymentArtifact.class::isInstance)
                .map(a -> ((DeploymentArtifact) a).deployment().workflowBase())
                .distinct()
                .toList();
        if (needed.isEmpty()) {
            return List.of();
        }
        if (deployments.isEmpty()) {
            return List.of("--handlers DIR is required: deployments would run with the handlers "
                    + String.join(", ", needed) + " (examples/handlers has demo handlers)");
        }
        HandlerDirectory handlers = deployments.get().handlers();
        needed.forEach(workflowBase -> handlers.problem(workflowBase).ifPresent(problems::add));
        return List.copyOf(problems);
    }

    /**
     * Runs the release: everything above, under the environment's lock.
     *
     * @param lockWait how long to wait for another run of the environment to finish (zero: refuse at once)
     * @throws InvalidRunException before anything runs or is recorded, when {@link #problems} finds any
     * @throws io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException when another run holds the
     *     environment
     * @throws InterruptedException when the calling thread is interrupted; running handlers are killed
     */
    public RunReport run(LoadedManifest manifest, String actor, Duration lockWait, RunListener listener)
            throws InvalidRunException, InterruptedException {
        try {
            return run(manifest, actor, lockWait, listener, RunGate.OPEN);
        } catch (RunRefusedException e) {
            throw new IllegalStateException("an open gate refuses nothing", e);
        }
    }

    /**
     * Runs the release as {@link #run(LoadedManifest, String, Duration, RunListener)} does, after {@code
     * gate} lets it through under the environment's lock.
     *
     * @throws RunRefusedException when the gate refuses; nothing ran and nothing was recorded
     */
    public RunReport run(LoadedManifest manifest, String actor, Duration lockWait, RunListener listener, RunGate gate)
            throws InvalidRunException, InterruptedException, RunRefusedException {
        checked(preview(manifest));
        Release release = manifest.release();
        RunId runId = RunId.startingAt(clock.instant());
        try (EnvironmentLock lock =
                ledger.lock(release.environment().name(), runId, actor, lockWait, listener::waitingForLock)) {
            lock.staleHolder().ifPresent(listener::staleLockReplaced);
            // Again under the lock: a run that held it may have changed what is live.
            RunPreview preview = checked(preview(manifest));
            if (preview.nothingToDo().isPresent()) {
                return new RunReport(Optional.empty(), preview, List.of(), ReleaseStatus.SUCCEEDED);
            }
            RunGate.Verdict verdict = gate.check(preview);
            if (verdict.refusal().isPresent()) {
                throw new RunRefusedException(verdict.refusal().get());
            }
            lock.append(
                    ReleaseStarted.of(runId, manifest, preview.summary(), actor, clock.instant(), verdict.grounds()));
            listener.started(runId, preview);
            List<ArtifactResult> results = new ArrayList<>();
            for (RunStep step : preview.steps()) {
                if (!step.runs()) {
                    Instant now = clock.instant();
                    record(
                            lock,
                            runId,
                            actor,
                            release,
                            new StepResult(step, step.skip().get(), now, now),
                            results,
                            listener);
                }
            }
            executor.execute(
                    release,
                    preview.steps(),
                    this::task,
                    step -> lock.append(new ArtifactStarted(
                            runId,
                            release.id(),
                            actor,
                            clock.instant(),
                            step.artifact().id())),
                    done -> record(lock, runId, actor, release, done, results, listener));
            List<ArtifactStatus> statuses =
                    results.stream().map(ArtifactResult::status).toList();
            ReleaseStatus status = executor.cancelled() ? ReleaseStatus.CANCELLED : ReleaseStatus.of(statuses);
            lock.append(new ReleaseFinished(runId, release.id(), status, actor, clock.instant()));
            Optional<ReleaseVerified> verification = Optional.empty();
            Optional<java.nio.file.Path> verifier =
                    deployments.flatMap(d -> d.handlers().verifier());
            if (status == ReleaseStatus.SUCCEEDED && verifier.isPresent()) {
                // Under the environment's lock still: nothing else deploys while what this run deployed is checked.
                listener.verifying(runId);
                ReleaseVerified verified = new ReleaseVerification(
                                deployments.get(), verifier.get(), options.verifyAttempts(), clock)
                        .verify(release, runId, actor, deployed(results));
                lock.append(verified);
                verification = Optional.of(verified);
            }
            return new RunReport(Optional.of(runId), preview, results, status, verification);
        }
    }

    /** The artifacts a run deployed, in the order their results were recorded. */
    private static List<String> deployed(List<ArtifactResult> results) {
        return results.stream()
                .filter(r -> r.status() == ArtifactStatus.SUCCEEDED)
                .map(ArtifactResult::artifactId)
                .toList();
    }

    /**
     * Stops a run in progress: handlers are killed, artifacts not started are not started, and the run is
     * recorded as {@link ReleaseStatus#CANCELLED}. Safe from any thread (a shutdown hook on Ctrl-C).
     */
    public void cancel() {
        executor.cancel();
    }

    private RunPreview checked(RunPreview preview) throws InvalidRunException {
        List<String> problems = problems(preview);
        if (!problems.isEmpty()) {
            throw new InvalidRunException(String.join(System.lineSeparator(), problems));
        }
        return preview;
    }

    private TaskOutcome task(Release release, Artifact artifact) throws InterruptedException {
        if (artifact instanceof DeploymentArtifact deployment) {
            if (deployments.isEmpty()) {
                return TaskOutcome.failed("no handlers directory was given (--handlers)", "");
            }
            return deployments.get().run(release, deployment);
        }
        return images.tag(release, (ImageArtifact) artifact);
    }

    private static void record(
            EnvironmentLock lock,
            RunId runId,
            String actor,
            Release release,
            StepResult done,
            List<ArtifactResult> results,
            RunListener listener) {
        TaskOutcome outcome = done.outcome();
        ArtifactResult result = new ArtifactResult(
                runId,
                release.id(),
                actor,
                done.ended(),
                RecordedArtifact.of(release, done.step().artifact()),
                outcome.status(),
                outcome.message(),
                done.started(),
                done.ended(),
                outcome.output(),
                outcome.details());
        lock.append(result);
        results.add(result);
        listener.recorded(result);
    }
}
