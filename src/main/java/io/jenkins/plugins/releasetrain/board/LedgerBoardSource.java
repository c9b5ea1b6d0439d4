package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.LedgerWarning;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.ledger.PendingRelease;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The board's input read from a ledger directory: one column per environment, its live artifacts, its
 * runs and the releases waiting there. What is live comes from the ledger's own state query; on top of it,
 * an artifact whose latest attempt failed shows that attempt, and the environment's latest run, if it has
 * not ended, shows the artifacts it will still change as running (or pending approval while it has
 * recorded no result).
 */
public final class LedgerBoardSource implements BoardSource {

    private final Ledger ledger;
    private final List<String> environments;
    private final Clock clock;
    private final Consumer<String> warnings;

    /**
     * @param environments the columns in promotion order, or empty for every environment of the ledger in
     *     {@link PromotionOrder}
     * @param warnings told about damaged ledger lines and runs whose manifest no longer loads; they never
     *     stop the board
     */
    public LedgerBoardSource(Ledger ledger, List<String> environments, Clock clock, Consumer<String> warnings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.environments = List.copyOf(environments);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    @Override
    public BoardInput read() {
        Instant now = clock.instant();
        List<String> names = environments.isEmpty() ? PromotionOrder.of(ledger.environments()) : environments;
        List<EnvironmentInput> inputs = new ArrayList<>();
        for (String name : names) {
            EnvironmentLedger read = ledger.read(name);
            read.warnings().stream().map(LedgerWarning::format).forEach(warnings);
            inputs.add(environment(read));
        }
        return new BoardInput(now, inputs);
    }

    private EnvironmentInput environment(EnvironmentLedger read) {
        List<ReleaseRun> runs = read.runs();
        ReleaseRun latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        Optional<Release> latestRelease = Optional.ofNullable(latest).flatMap(this::release);
        List<HistoryEntry> history = new ArrayList<>();
        for (ReleaseRun run : runs) {
            history.add(entry(run, run == latest));
        }
        List<PendingApproval> approvals = read.pending().stream()
                .filter(pending -> latest != null && pending.started().runId().equals(latest.runId()))
                .map(LedgerBoardSource::approval)
                .toList();
        Optional<ReleaseRun> unfinished = Optional.ofNullable(latest).filter(run -> !run.isFinished());
        return new EnvironmentInput(
                read.environment(),
                latestRelease.map(r -> r.environment().shortName()).orElse(read.environment()),
                current(read, unfinished, unfinished.isPresent() ? latestRelease : Optional.empty()),
                history,
                approvals);
    }

    /** What each artifact shows now: live, unless a later attempt failed or the unfinished run will change it. */
    private static List<ArtifactState> current(
            EnvironmentLedger read, Optional<ReleaseRun> unfinished, Optional<Release> inFlight) {
        Map<String, ArtifactState> cells = new LinkedHashMap<>();
        Map<String, LiveArtifact> live = new LinkedHashMap<>();
        for (LiveArtifact artifact : read.state().artifacts()) {
            live.put(artifact.artifactId(), artifact);
            // the time the deployment was recorded: what the ledger's stateAt and the board's point in time use
            cells.put(
                    artifact.artifactId(),
                    state(
                            artifact.artifact(),
                            Status.SUCCEEDED,
                            artifact.releaseId().value(),
                            artifact.deployment().time(),
                            artifact.deployedBy()));
        }
        Map<String, io.jenkins.plugins.releasetrain.ledger.ArtifactResult> lastAttempt = new LinkedHashMap<>();
        for (ReleaseRun run : read.runs()) {
            for (io.jenkins.plugins.releasetrain.ledger.ArtifactResult result : run.results()) {
                if (result.status() != ArtifactStatus.SKIPPED) {
                    lastAttempt.put(result.artifactId(), result);
                }
            }
        }
        lastAttempt.values().stream()
                .filter(result -> result.status() == ArtifactStatus.FAILED)
                .forEach(result -> cells.put(
                        result.artifactId(),
                        state(
                                        result.artifact(),
                                        Status.FAILED,
                                        result.releaseId().value(),
                                        result.time(),
                                        result.actor())
                                .withLiveVersion(liveVersion(live, result.artifactId()))));
        if (unfinished.isPresent() && inFlight.isPresent()) {
            ReleaseRun run = unfinished.get();
            Status status = run.results().isEmpty() ? Status.PENDING_APPROVAL : Status.RUNNING;
            Release release = inFlight.get();
            for (Artifact artifact : release.artifacts()) {
                LiveArtifact deployed = live.get(artifact.id());
                boolean changes =
                        deployed == null || !deployed.artifact().attributes().equals(artifact.attributes());
                if (changes && run.result(artifact.id()).isEmpty()) {
                    cells.put(
                            artifact.id(),
                            new ArtifactState(
                                    artifact.id(),
                                    artifact.product(),
                                    artifact.kind(),
                                    artifact.version(),
                                    artifact.displayVersion(),
                                    release.product(artifact.product())
                                            .map(Product::displayVersion)
                                            .orElse(null),
                                    status,
                                    run.releaseId().value(),
                                    run.startedAt(),
                                    run.actor(),
                                    liveVersion(live, artifact.id())));
                }
            }
        }
        return List.copyOf(cells.values());
    }

    /**
     * A run as the board tells it. Only the environment's latest run can still be going: runs hold the
     * environment's lock, so an earlier one that never recorded its end was cut short (its process died).
     */
    private static HistoryEntry entry(ReleaseRun run, boolean latest) {
        Status status = run.status().map(LedgerBoardSource::status).orElse(Status.CANCELLED);
        if (run.status().isEmpty() && latest) {
            status = run.results().isEmpty() ? Status.PENDING_APPROVAL : Status.RUNNING;
        }
        List<ArtifactResult> results = new ArrayList<>();
        for (io.jenkins.plugins.releasetrain.ledger.ArtifactResult result : run.results()) {
            RecordedArtifact artifact = result.artifact();
            results.add(new ArtifactResult(
                    artifact.id(),
                    artifact.product(),
                    artifact.kind(),
                    artifact.version(),
                    artifact.displayVersion(),
                    artifact.productVersion(),
                    status(result.status()),
                    result.time()));
        }
        return new HistoryEntry(
                run.runId().value(),
                run.releaseId().value(),
                status,
                run.startedAt(),
                run.finished().map(f -> f.time()).orElse(null),
                run.actor(),
                results);
    }

    private static String liveVersion(Map<String, LiveArtifact> live, String artifactId) {
        LiveArtifact artifact = live.get(artifactId);
        return artifact == null ? null : artifact.artifact().version();
    }

    private static PendingApproval approval(PendingRelease pending) {
        List<String> approvedBy = pending.approvals().stream()
                .filter(approval -> approval.decision() == ApprovalDecision.APPROVED)
                .map(ApprovalRecorded::actor)
                .distinct()
                .toList();
        // The ledger keeps approvals, not the rule that counts them: how many more are needed is unknown here.
        return new PendingApproval(pending.releaseId().value(), approvedBy, null, null);
    }

    private static ArtifactState state(
            RecordedArtifact artifact, Status status, String releaseId, Instant at, String by) {
        return new ArtifactState(
                artifact.id(),
                artifact.product(),
                artifact.kind(),
                artifact.version(),
                artifact.displayVersion(),
                artifact.productVersion(),
                status,
                releaseId,
                at,
                by);
    }

    private static Status status(ReleaseStatus status) {
        return switch (status) {
            case SUCCEEDED -> Status.SUCCEEDED;
            case FAILED -> Status.FAILED;
            case PARTIAL -> Status.PARTIAL;
            case CANCELLED -> Status.CANCELLED;
        };
    }

    private static Status status(ArtifactStatus status) {
        return switch (status) {
            case SUCCEEDED -> Status.SUCCEEDED;
            case FAILED -> Status.FAILED;
            case SKIPPED -> Status.SKIPPED;
            case UNCHANGED -> Status.UNCHANGED;
        };
    }

    /** The release a run recorded, or empty (with a warning) when its manifest no longer loads. */
    private Optional<Release> release(ReleaseRun run) {
        try {
            return Optional.of(run.release());
        } catch (LedgerException e) {
            warnings.accept("warning: " + e.getMessage());
            return Optional.empty();
        }
    }
}
