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
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunDamage;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The board's input read from a ledger directory: one column per environment, its live artifacts, its
 * runs and the releases waiting there. What is live comes from the ledger's own state query; on top of it,
 * an artifact whose latest attempt failed shows that attempt, and the environment's latest run, if it has
 * not ended, shows the artifacts it will still change as running (or pending approval while it has
 * recorded no result).
 *
 * <p>A {@link RunAccess} decides which runs the reader may see. The others are left out of the history and
 * the pending approvals, and they never show in a cell: a cell whose live version was deployed (or last
 * found unchanged) by a run the reader may not see is left out, and a failed attempt or a run in progress
 * shows only when the reader may see that run.
 */
public final class LedgerBoardSource implements BoardSource {

    /** Lines of a failed handler's output shown in its cell's details. */
    private static final int FAILURE_LINES = 10;

    private final Ledger ledger;
    private final List<String> environments;
    private final RunAccess access;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final BoardChanges changes;
    private final DeclaredReleases declared;

    /**
     * A source that shows every run.
     *
     * @param environments the columns in promotion order, or empty for every environment of the ledger in
     *     {@link PromotionOrder}
     * @param warnings told about damaged ledger lines and runs whose manifest no longer loads; they never
     *     stop the board
     */
    public LedgerBoardSource(Ledger ledger, List<String> environments, Clock clock, Consumer<String> warnings) {
        this(ledger, environments, RunAccess.everyRun(), clock, warnings);
    }

    /**
     * A source that shows what {@code access} lets its reader see.
     *
     * @param environments the columns in promotion order, each shown even when empty; or empty for every
     *     environment of the ledger in {@link PromotionOrder}, leaving out those whose runs the reader may
     *     not see
     */
    public LedgerBoardSource(
            Ledger ledger, List<String> environments, RunAccess access, Clock clock, Consumer<String> warnings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.environments = List.copyOf(environments);
        this.access = Objects.requireNonNull(access, "access");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.changes = BoardChanges.NONE;
        this.declared = DeclaredReleases.NONE;
    }

    private LedgerBoardSource(LedgerBoardSource source, BoardChanges changes, DeclaredReleases declared) {
        this.ledger = source.ledger;
        this.environments = source.environments;
        this.access = source.access;
        this.clock = source.clock;
        this.warnings = source.warnings;
        this.changes = Objects.requireNonNull(changes, "changes");
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    /** The same source, whose live cells also say what their version brought, as {@code changes} finds it. */
    public LedgerBoardSource withChanges(BoardChanges changes) {
        return new LedgerBoardSource(this, changes, declared);
    }

    /** The same source, whose environments say where git declares something else than what runs there. */
    public LedgerBoardSource withDeclared(DeclaredReleases releases) {
        return new LedgerBoardSource(this, changes, releases);
    }

    @Override
    public BoardInput read() {
        Instant now = clock.instant();
        boolean named = !environments.isEmpty();
        List<String> names = named ? environments : PromotionOrder.of(ledger.environments());
        List<EnvironmentInput> inputs = new ArrayList<>();
        for (String name : names) {
            EnvironmentLedger read = ledger.read(name);
            read.warnings().stream().map(LedgerWarning::format).forEach(warnings);
            Origins origins = new Origins(read.runs());
            if (named || read.runs().isEmpty() || read.runs().stream().anyMatch(origins::canSee)) {
                inputs.add(environment(read, origins));
            }
        }
        return new BoardInput(now, inputs);
    }

    private EnvironmentInput environment(EnvironmentLedger read, Origins origins) {
        List<ReleaseRun> runs = read.runs();
        ReleaseRun latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        List<ReleaseRun> shown = runs.stream().filter(origins::canSee).toList();
        ReleaseRun latestShown = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        Optional<Release> latestRelease = Optional.ofNullable(latestShown).flatMap(this::release);
        List<HistoryEntry> history = new ArrayList<>();
        for (ReleaseRun run : shown) {
            history.add(entry(run, run == latest, origins.page(run.runId()), read.verification(run.runId())));
        }
        // only the environment's latest run can be waiting; hidden, it shows nothing
        boolean latestIsShown = latest != null && latest == latestShown;
        List<PendingApproval> approvals = new ArrayList<>(read.pending().stream()
                .filter(pending -> latestIsShown && pending.started().runId().equals(latest.runId()))
                .map(pending -> approval(pending, origins.page(pending.started().runId())))
                .toList());
        // Approved from the command line and not run yet: no run says where from, so only readers who may see
        // runs of unknown origin see them. A rejected one is listed with its rejection, and no longer waits.
        if (access.canSee(RunOrigin.UNKNOWN)) {
            read.decisionsAsked().stream()
                    .map(asked -> new PendingApproval(
                            asked.releaseId().value(),
                            asked.approvedBy(),
                            null,
                            null,
                            asked.rejection()
                                    .map(r -> r.actor() + " at " + r.time().truncatedTo(ChronoUnit.SECONDS) + ": "
                                            + r.comment())
                                    .orElse(null)))
                    .forEach(approvals::add);
        }
        Optional<ReleaseRun> unfinished = Optional.ofNullable(latest).filter(run -> latestIsShown && !run.isFinished());
        List<ArtifactState> cells = withChanges(
                read, current(read, origins, unfinished, unfinished.isPresent() ? latestRelease : Optional.empty()));
        return new EnvironmentInput(
                read.environment(),
                latestRelease.map(r -> r.environment().shortName()).orElse(read.environment()),
                cells,
                history,
                approvals,
                declared.of(read.environment())
                        .flatMap(d -> GitDrift.of(d, cells))
                        .orElse(null));
    }

    /** Each live cell with what its version brought over the version deployed before it, where that is known. */
    private List<ArtifactState> withChanges(EnvironmentLedger read, List<ArtifactState> cells) {
        if (changes == BoardChanges.NONE) {
            return cells;
        }
        Map<String, RecordedArtifact> deployed = new HashMap<>();
        Map<String, RecordedArtifact> before = new HashMap<>();
        for (ReleaseRun run : read.runs()) {
            for (io.jenkins.plugins.releasetrain.ledger.ArtifactResult result : run.results()) {
                if (result.status() == ArtifactStatus.SUCCEEDED) {
                    RecordedArtifact previous = deployed.put(result.artifactId(), result.artifact());
                    if (previous != null
                            && !previous.version().equals(result.artifact().version())) {
                        before.put(result.artifactId(), previous);
                    }
                }
            }
        }
        List<ArtifactState> shown = new ArrayList<>();
        for (ArtifactState cell : cells) {
            RecordedArtifact live = deployed.get(cell.artifactId());
            RecordedArtifact earlier = before.get(cell.artifactId());
            boolean liveCell = cell.status() == Status.SUCCEEDED
                    && live != null
                    && live.version().equals(cell.version());
            shown.add(
                    liveCell && earlier != null
                            ? changes.between(earlier, live)
                                    .map(cell::withChanges)
                                    .orElse(cell)
                            : cell);
        }
        return shown;
    }

    /** What each artifact shows now: live, unless a later attempt failed or the unfinished run will change it. */
    private static List<ArtifactState> current(
            EnvironmentLedger read, Origins origins, Optional<ReleaseRun> unfinished, Optional<Release> inFlight) {
        Map<String, ArtifactState> cells = new LinkedHashMap<>();
        Map<String, LiveArtifact> live = new LinkedHashMap<>();
        Set<String> hidden = new HashSet<>();
        Set<RunId> hotfixes = read.hotfixRuns();
        for (LiveArtifact artifact : read.state().artifacts()) {
            live.put(artifact.artifactId(), artifact);
            if (!origins.canSee(artifact.deployedIn())
                    || !origins.canSee(artifact.latest().runId())) {
                hidden.add(artifact.artifactId());
                continue;
            }
            // the time the deployment was recorded: what the ledger's stateAt and the board's point in time use
            cells.put(
                    artifact.artifactId(),
                    state(
                                    artifact.artifact(),
                                    Status.SUCCEEDED,
                                    artifact.releaseId().value(),
                                    artifact.deployment().time(),
                                    artifact.deployedBy(),
                                    origins.page(artifact.deployedIn()))
                            .withHotfix(hotfixes.contains(artifact.deployedIn())));
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
                .filter(result -> !hidden.contains(result.artifactId()) && origins.canSee(result.runId()))
                .forEach(result -> cells.put(
                        result.artifactId(),
                        state(
                                        result.artifact(),
                                        Status.FAILED,
                                        result.releaseId().value(),
                                        result.time(),
                                        result.actor(),
                                        origins.page(result.runId()))
                                .withLiveVersion(liveVersion(live, result.artifactId()))
                                .withFailure(failure(result))));
        if (unfinished.isPresent() && inFlight.isPresent()) {
            ReleaseRun run = unfinished.get();
            Status status = run.results().isEmpty() ? Status.PENDING_APPROVAL : Status.RUNNING;
            Release release = inFlight.get();
            for (Artifact artifact : release.artifacts()) {
                LiveArtifact deployed = live.get(artifact.id());
                boolean changes =
                        deployed == null || !deployed.artifact().attributes().equals(artifact.attributes());
                if (changes && run.result(artifact.id()).isEmpty() && !hidden.contains(artifact.id())) {
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
                                    liveVersion(live, artifact.id()),
                                    origins.page(run.runId())));
                }
            }
        }
        return List.copyOf(cells.values());
    }

    /**
     * A run as the board tells it. Only the environment's latest run can still be going: runs hold the
     * environment's lock, so an earlier one that never recorded its end was cut short (its process died).
     */
    private static HistoryEntry entry(
            ReleaseRun run, boolean latest, String page, Optional<ReleaseVerified> verification) {
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
                results,
                page,
                RunDamage.describe(run).orElse(null),
                verification.map(v -> v.label() + ": " + v.message()).orElse(null),
                run.rollback().map(RollbackOf::describe).orElse(null),
                run.isHotfix());
    }

    /** The failed attempt's message and the last lines of what it printed: what to look at first. */
    private static String failure(io.jenkins.plugins.releasetrain.ledger.ArtifactResult result) {
        List<String> lines = result.output().strip().lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - FAILURE_LINES), lines.size());
        return tail.isEmpty() ? result.message() : result.message() + "\n" + String.join("\n", tail);
    }

    private static String liveVersion(Map<String, LiveArtifact> live, String artifactId) {
        LiveArtifact artifact = live.get(artifactId);
        return artifact == null ? null : artifact.artifact().version();
    }

    /** A release waiting in Jenkins is approved at its build's input prompt. */
    private static PendingApproval approval(PendingRelease pending, String page) {
        List<String> approvedBy = pending.approvals().stream()
                .filter(approval -> approval.decision() == ApprovalDecision.APPROVED)
                .map(ApprovalRecorded::actor)
                .distinct()
                .toList();
        // The ledger keeps approvals, not the rule that counts them: how many more are needed is unknown here.
        String prompt = page == null ? null : (page.endsWith("/") ? page : page + "/") + "input/";
        return new PendingApproval(pending.releaseId().value(), approvedBy, null, prompt);
    }

    private static ArtifactState state(
            RecordedArtifact artifact, Status status, String releaseId, Instant at, String by, String page) {
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
                by,
                null,
                page);
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
            case CANCELLED -> Status.CANCELLED;
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

    /**
     * Where each run of one environment comes from, and what the reader may see of it, asked once per run. A
     * result whose run's start is not in the ledger (its line was damaged) has an unknown origin.
     */
    private final class Origins {

        private final Map<RunId, RunOrigin> byRun = new HashMap<>();
        private final Map<RunId, Boolean> seen = new HashMap<>();
        private final Map<RunId, Optional<String>> pages = new HashMap<>();

        Origins(List<ReleaseRun> runs) {
            runs.forEach(run -> byRun.put(run.runId(), RunOrigin.of(run.started())));
        }

        boolean canSee(ReleaseRun run) {
            return canSee(run.runId());
        }

        boolean canSee(RunId run) {
            return seen.computeIfAbsent(run, r -> access.canSee(origin(r)));
        }

        String page(RunId run) {
            return pages.computeIfAbsent(run, r -> access.page(origin(r))).orElse(null);
        }

        private RunOrigin origin(RunId run) {
            return byRun.getOrDefault(run, RunOrigin.UNKNOWN);
        }
    }
}
