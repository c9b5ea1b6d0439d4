package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where a rollback of an environment goes, from its ledger alone: by default the newest run that succeeded
 * with another release than the latest run's (skipping releases that an earlier rollback moved away from, so that
 * rolling back twice goes further back instead of forth); or the run or release the user names.
 */
public final class Rollbacks {

    private static final int MIN_RELEASE_PREFIX = 7;

    private Rollbacks() {}

    /**
     * @param to a run id, or a release id or its prefix (at least 7 characters); empty for the default
     * @throws InvalidRunException when there is nothing to go back to, the named run did not succeed here, or
     *     an image's digest after that run is not recorded (a rollback restores exact digests only)
     */
    public static RollbackTarget find(EnvironmentLedger history, Optional<String> to) throws InvalidRunException {
        String environment = history.environment();
        List<ReleaseRun> runs = history.runs();
        if (runs.isEmpty()) {
            throw new InvalidRunException("nothing to roll back: the ledger has no run of " + environment
                    + " (give the ledger of the" + " environment with --ledger)");
        }
        Optional<ReleaseRun> latest = Optional.of(runs.get(runs.size() - 1));
        ReleaseRun target = to.isPresent() ? named(history, runs, to.get()) : previous(environment, runs);
        return resolve(history, target, latest);
    }

    /**
     * The rollback that continues {@code rollback} (a run that was a rollback and did not finish well): the same
     * target, the same release it rolled back.
     */
    public static RollbackTarget resume(EnvironmentLedger history, ReleaseRun rollback) throws InvalidRunException {
        RollbackOf of = rollback.rollback()
                .orElseThrow(() -> new InvalidRunException("run " + rollback.runId() + " was not a rollback"));
        ReleaseRun target = history.run(of.to())
                .orElseThrow(() -> new InvalidRunException("the run that rollback " + rollback.runId()
                        + " went back to (" + of.to() + ") is no longer in the ledger"));
        Optional<ReleaseRun> from = of.from().flatMap(history::run);
        return resolve(history, target, from);
    }

    private static ReleaseRun named(EnvironmentLedger history, List<ReleaseRun> runs, String to)
            throws InvalidRunException {
        String environment = history.environment();
        for (ReleaseRun run : runs) {
            if (run.runId().value().equals(to)) {
                if (!succeeded(run)) {
                    throw new InvalidRunException("run " + to + " did not succeed in " + environment + " ("
                            + run.status().map(s -> s.label()).orElse("not finished")
                            + "): a rollback goes back to a release that succeeded here");
                }
                return run;
            }
        }
        String prefix = to.toLowerCase(java.util.Locale.ROOT);
        if (prefix.length() >= MIN_RELEASE_PREFIX && prefix.matches("[0-9a-f]+")) {
            List<ReleaseRun> matching = runs.stream()
                    .filter(run -> run.releaseId().value().startsWith(prefix))
                    .toList();
            long releases =
                    matching.stream().map(ReleaseRun::releaseId).distinct().count();
            if (releases > 1) {
                throw new InvalidRunException("release " + to + " is ambiguous in " + environment + ": " + releases
                        + " releases start with it; give more of the release id");
            }
            for (int i = matching.size() - 1; i >= 0; i--) {
                if (succeeded(matching.get(i))) {
                    return matching.get(i);
                }
            }
            if (!matching.isEmpty()) {
                throw new InvalidRunException("release " + to + " never succeeded in " + environment
                        + ": a rollback goes back to a release that succeeded here");
            }
        }
        throw new InvalidRunException("no run or release " + to + " in " + environment + " (release-train history "
                + environment + " lists them)");
    }

    private static ReleaseRun previous(String environment, List<ReleaseRun> runs) throws InvalidRunException {
        ReleaseRun latest = runs.get(runs.size() - 1);
        if (latest.rollback().isPresent() && !succeeded(latest)) {
            // Going "back" from a rollback that stopped half-way would go past the release it was restoring.
            throw new InvalidRunException("the latest run of " + environment + ", " + latest.runId() + ", is a"
                    + " rollback to run " + latest.rollback().get().to() + " that "
                    + (latest.isFinished() ? "did not succeed" : "did not finish")
                    + ": continue it with --resume, or say where to go with --to");
        }
        Set<String> leftBehind = new HashSet<>();
        leftBehind.add(latest.releaseId().value());
        for (ReleaseRun run : runs) {
            run.rollback().flatMap(RollbackOf::fromRelease).ifPresent(leftBehind::add);
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            ReleaseRun run = runs.get(i);
            if (succeeded(run) && !leftBehind.contains(run.releaseId().value())) {
                return run;
            }
        }
        throw new InvalidRunException("nothing to roll back to: no earlier release succeeded in " + environment
                + " (release-train history " + environment + " lists its runs)");
    }

    private static RollbackTarget resolve(EnvironmentLedger history, ReleaseRun target, Optional<ReleaseRun> from)
            throws InvalidRunException {
        LoadedManifest manifest;
        try {
            manifest = target.started().manifest();
        } catch (LedgerException e) {
            throw new InvalidRunException("cannot roll back to run " + target.runId() + ": " + e.getMessage());
        }
        Release release = manifest.release();
        EnvironmentState then = history.stateAt(target.finished().orElseThrow().time());
        EnvironmentState now = history.state();
        Map<String, String> digests = new LinkedHashMap<>();
        Set<String> moved = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Artifact artifact : release.artifacts()) {
            if (!(artifact instanceof ImageArtifact image)) {
                continue;
            }
            RecordedArtifact wanted = RecordedArtifact.of(release, image);
            Optional<String> digest = then.artifact(image.id())
                    .filter(live -> live.artifact().attributes().equals(wanted.attributes()))
                    .flatMap(Rollbacks::digest)
                    .filter(Digest::isDigest);
            if (digest.isEmpty()) {
                unknown.add(image.id());
                continue;
            }
            digests.put(image.id(), digest.get());
            Optional<String> current = now.artifact(image.id())
                    .filter(live -> live.artifact().attributes().equals(wanted.attributes()))
                    .flatMap(Rollbacks::digest)
                    .filter(Digest::isDigest);
            if (!current.equals(digest)) {
                moved.add(image.id());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRunException("cannot roll back to run " + target.runId()
                    + " exactly: the ledger does not say which digest the destination tag of "
                    + String.join(", ", unknown)
                    + " pointed at after it (the run was recorded before digests were kept, or did not tag the"
                    + " image). Release that manifest again with run instead, if its source tags still point at the"
                    + " right images.");
        }
        return new RollbackTarget(target, manifest, digests, moved, from);
    }

    /** The digest a live image's destination tag pointed at: from the result that kept it live, else the tagging. */
    private static Optional<String> digest(LiveArtifact live) {
        return Optional.ofNullable(live.latest().details().get(ArtifactResult.DIGEST))
                .or(() -> Optional.ofNullable(live.deployment().details().get(ArtifactResult.DIGEST)));
    }

    private static boolean succeeded(ReleaseRun run) {
        return run.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent();
    }
}
