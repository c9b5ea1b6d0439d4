package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the ledger held for one environment at the moment it was read, and the questions asked of it. It is
 * immutable: read again ({@link Ledger#read}) to see later records. Every query is a scan of memory; the
 * cost of a read is parsing the file, once.
 */
public final class EnvironmentLedger {

    private final String environment;
    private final Path file;
    private final List<LedgerEntry> entries;
    private final List<LedgerWarning> warnings;
    /** Assembled on first use: reading the state never needs the runs. */
    private List<ReleaseRun> runs;
    /** Each run's latest verification, indexed on first use: callers ask once per run (history, board). */
    private Map<RunId, ReleaseVerified> verifications;

    EnvironmentLedger(String environment, Path file, List<LedgerEntry> entries, List<LedgerWarning> warnings) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.file = Objects.requireNonNull(file, "file");
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    public String environment() {
        return environment;
    }

    /** The environment's file ({@code <ledger>/<environment>.jsonl}). */
    public Path file() {
        return file;
    }

    /** Every intact record, in the order written. */
    public List<LedgerEntry> entries() {
        return entries;
    }

    /** Lines that were skipped: a record cut off by a crash, damage. Show them; they never stop a read. */
    public List<LedgerWarning> warnings() {
        return warnings;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every run, oldest first. */
    public synchronized List<ReleaseRun> runs() {
        if (runs == null) {
            runs = assembleRuns(entries);
        }
        return runs;
    }

    /** Runs newest first, {@code limit} of them after skipping {@code offset} newer ones. */
    public HistoryPage history(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        List<ReleaseRun> all = runs();
        List<ReleaseRun> page = new ArrayList<>();
        for (int i = all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(all.get(i));
        }
        return new HistoryPage(page, offset, limit, all.size());
    }

    public Optional<ReleaseRun> run(RunId runId) {
        return runs().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    public Optional<ReleaseRun> latestRun() {
        List<ReleaseRun> all = runs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The latest run of a release: what {@code --resume} continues. */
    public Optional<ReleaseRun> lastRun(ReleaseId releaseId) {
        List<ReleaseRun> all = runs();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).releaseId().equals(releaseId)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The artifacts already done for a release: those whose last result in any of its runs left them live
     * (succeeded or unchanged). What a resumed promotion leaves out ({@code PromotionScope.resume}).
     */
    public Set<String> succeededArtifacts(ReleaseId releaseId) {
        Map<String, ArtifactStatus> last = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.record() instanceof ArtifactResult result
                    && result.releaseId().equals(releaseId)) {
                last.put(result.artifactId(), result.status());
            }
        }
        Set<String> done = new LinkedHashSet<>();
        last.forEach((id, status) -> {
            if (status.isLive()) {
                done.add(id);
            }
        });
        return Set.copyOf(done);
    }

    /** The runs that were hotfixes (let in by a rule's hotfix lane). */
    public Set<RunId> hotfixRuns() {
        Set<RunId> hotfixes = new HashSet<>();
        runs().stream().filter(ReleaseRun::isHotfix).forEach(run -> hotfixes.add(run.runId()));
        return Set.copyOf(hotfixes);
    }

    /** The artifacts whose live version a hotfix deployed: what reintegration brings upstream, what the guard keeps. */
    public List<String> hotfixedArtifacts() {
        Set<RunId> hotfixes = hotfixRuns();
        return state().artifacts().stream()
                .filter(live -> hotfixes.contains(live.deployedIn()))
                .map(LiveArtifact::artifactId)
                .toList();
    }

    /** The latest run that finished {@link ReleaseStatus#SUCCEEDED}. */
    public Optional<ReleaseRun> lastSuccessfulRun() {
        List<ReleaseRun> all = runs();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The release of {@link #lastSuccessfulRun()}, rebuilt from its recorded manifest. */
    public Optional<Release> lastSuccessfulRelease() {
        return lastSuccessfulRun().map(ReleaseRun::release);
    }

    /** What is live now, artifact by artifact. */
    public EnvironmentState state() {
        return new EnvironmentState(environment, Optional.empty(), live(Instant.MAX));
    }

    /** What was live at {@code instant}: every result recorded at or before it counts, later ones do not. */
    public EnvironmentState stateAt(Instant instant) {
        return new EnvironmentState(environment, Optional.of(instant), live(instant));
    }

    /** Which release is live as a whole, and which is only partly live. */
    public ReleaseStanding standing() {
        return ReleaseStanding.of(runs(), state());
    }

    /** Releases whose latest run started and recorded nothing since: awaiting approval or about to run. */
    public List<PendingRelease> pending() {
        Map<ReleaseId, ReleaseRun> latest = new LinkedHashMap<>();
        runs().forEach(r -> latest.put(r.releaseId(), r));
        List<PendingRelease> pending = new ArrayList<>();
        for (ReleaseRun run : latest.values()) {
            if (!run.isFinished() && run.results().isEmpty()) {
                pending.add(new PendingRelease(run.started(), approvals(run.releaseId())));
            }
        }
        return pending;
    }

    /**
     * Releases asked for (a run that its rule refused), approved or rejected here since the environment's latest
     * run began, that have not started a run since: what the command line leaves behind while a release waits.
     */
    public List<DecisionAsked> decisionsAsked() {
        Instant since = latestRun().map(ReleaseRun::startedAt).orElse(Instant.MIN);
        Map<ReleaseId, Optional<ApprovalRequested>> asked = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.record() instanceof ApprovalRecorded approval
                    && approval.time().isAfter(since)) {
                asked.putIfAbsent(approval.releaseId(), Optional.empty());
            } else if (entry.record() instanceof ApprovalRequested request
                    && request.time().isAfter(since)) {
                asked.put(request.releaseId(), Optional.of(request));
            }
        }
        List<DecisionAsked> decisions = new ArrayList<>();
        for (Map.Entry<ReleaseId, Optional<ApprovalRequested>> ask : asked.entrySet()) {
            ReleaseId releaseId = ask.getKey();
            // Its run started with or after the latest one (a run in Jenkins waits at its prompt): not just asked.
            boolean ranSince = lastRun(releaseId)
                    .filter(run -> !run.startedAt().isBefore(since))
                    .isPresent();
            if (!ranSince) {
                decisions.add(new DecisionAsked(releaseId, approvals(releaseId), ask.getValue()));
            }
        }
        return List.copyOf(decisions);
    }

    /** Every approval recorded for a release's content here, oldest first. */
    public List<ApprovalRecorded> approvals(ReleaseId releaseId) {
        List<ApprovalRecorded> approvals = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            if (entry.record() instanceof ApprovalRecorded approval
                    && approval.releaseId().equals(releaseId)) {
                approvals.add(approval);
            }
        }
        return approvals;
    }

    /** How a run's verification ended, the latest when it ran more than once; empty when it has none. */
    public synchronized Optional<ReleaseVerified> verification(RunId runId) {
        if (verifications == null) {
            verifications = new HashMap<>();
            for (LedgerEntry entry : entries) {
                if (entry.record() instanceof ReleaseVerified verified) {
                    verifications.put(verified.runId(), verified);
                }
            }
        }
        return Optional.ofNullable(verifications.get(runId));
    }

    private List<LiveArtifact> live(Instant until) {
        Map<String, LiveArtifact> live = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.record() instanceof ArtifactResult result
                    && result.status().isLive()
                    && !result.time().isAfter(until)) {
                LiveArtifact before = live.get(result.artifactId());
                // Found unchanged: the same content is still live, deployed when it was deployed.
                boolean sameContent = result.status() == ArtifactStatus.UNCHANGED
                        && before != null
                        && before.artifact()
                                .attributes()
                                .equals(result.artifact().attributes());
                if (sameContent) {
                    live.put(
                            result.artifactId(),
                            new LiveArtifact(result, before.deployment(), before.deploymentRecorded()));
                } else {
                    // Found unchanged with no record of this content going live: that record is damaged.
                    boolean recorded = result.status() != ArtifactStatus.UNCHANGED;
                    live.put(result.artifactId(), new LiveArtifact(result, result, recorded));
                }
            }
        }
        return new ArrayList<>(live.values());
    }

    private static List<ReleaseRun> assembleRuns(List<LedgerEntry> entries) {
        Map<RunId, RunBuilder> runs = new LinkedHashMap<>();
        // Sequence numbers have no gaps when written: a gap is records that were damaged. Key: the sequence
        // number before the gap; value: how many records are missing there.
        Map<Long, Long> gaps = new LinkedHashMap<>();
        long lastSequence = 0;
        for (LedgerEntry entry : entries) {
            if (entry.sequence() > lastSequence + 1) {
                gaps.put(lastSequence, entry.sequence() - lastSequence - 1);
            }
            lastSequence = entry.sequence();
            LedgerRecord record = entry.record();
            if (record instanceof ReleaseStarted started) {
                runs.putIfAbsent(started.runId(), new RunBuilder(started, entry.sequence()));
            } else if (record instanceof ArtifactStarted artifact) {
                RunBuilder run = runs.get(artifact.runId());
                if (run != null) {
                    run.artifactsStarted.add(artifact.artifactId());
                    run.lastSequence = entry.sequence();
                }
            } else if (record instanceof ArtifactResult result) {
                // A result whose start line was damaged still counts for the state; the run cannot be shown.
                RunBuilder run = runs.get(result.runId());
                if (run != null) {
                    run.results.add(result);
                    run.lastSequence = entry.sequence();
                }
            } else if (record instanceof ReleaseFinished finished) {
                RunBuilder run = runs.get(finished.runId());
                if (run != null) {
                    run.finished = finished;
                    run.lastSequence = entry.sequence();
                }
            }
        }
        return runs.values().stream().map(run -> run.build(gaps)).toList();
    }

    private static final class RunBuilder {
        private final ReleaseStarted started;
        private final long firstSequence;
        private long lastSequence;
        private final List<ArtifactResult> results = new ArrayList<>();
        private final List<String> artifactsStarted = new ArrayList<>();
        private ReleaseFinished finished;

        RunBuilder(ReleaseStarted started, long sequence) {
            this.started = started;
            this.firstSequence = sequence;
            this.lastSequence = sequence;
        }

        /** Records lost between this run's first and last readable ones may be its own. */
        ReleaseRun build(Map<Long, Long> gaps) {
            long damaged = 0;
            for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
                if (gap.getKey() >= firstSequence && gap.getKey() < lastSequence) {
                    damaged += gap.getValue();
                }
            }
            return new ReleaseRun(started, results, Optional.ofNullable(finished), artifactsStarted, damaged);
        }
    }
}
