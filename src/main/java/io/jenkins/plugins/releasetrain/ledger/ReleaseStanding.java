package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which release is live in an environment, as a whole. The live release is the latest one whose every artifact
 * is live with its content; a later release that got only part of the way (some artifacts failed, were
 * cancelled or skipped) is <em>partially live</em>, never live, even when later runs found its unchanged
 * artifacts live.
 *
 * @param live    the latest run whose release is wholly live, if any
 * @param partial the latest run's release, when it is only partly live
 */
public record ReleaseStanding(Optional<Coverage> live, Optional<Coverage> partial) {

    /** How much of a run's release is live now. */
    public record Coverage(ReleaseRun run, int liveArtifacts, int artifacts) {

        public Coverage {
            Objects.requireNonNull(run, "run");
        }

        public boolean complete() {
            return liveArtifacts == artifacts;
        }
    }

    public ReleaseStanding {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(partial, "partial");
    }

    /**
     * Looks at the releases that ran (newest first; a run that recorded no result, waiting for approval, has
     * changed nothing and is passed over) against what is live. Runs whose manifest no longer loads are passed
     * over too.
     */
    static ReleaseStanding of(List<ReleaseRun> runs, EnvironmentState state) {
        Map<String, Artifact> deployed = state.deployedArtifacts();
        Optional<Coverage> partial = Optional.empty();
        Set<Object> seen = new HashSet<>();
        List<ReleaseRun> newestFirst = new ArrayList<>(runs);
        Collections.reverse(newestFirst);
        for (ReleaseRun run : newestFirst) {
            if (run.results().isEmpty() || !seen.add(run.releaseId())) {
                continue;
            }
            Optional<Coverage> coverage = coverage(run, deployed);
            if (coverage.isEmpty()) {
                continue;
            }
            if (coverage.get().complete()) {
                return new ReleaseStanding(coverage, partial);
            }
            if (partial.isEmpty() && seen.size() == 1) {
                partial = coverage;
            }
        }
        return new ReleaseStanding(Optional.empty(), partial);
    }

    private static Optional<Coverage> coverage(ReleaseRun run, Map<String, Artifact> deployed) {
        Release release;
        try {
            release = run.release();
        } catch (LedgerException e) {
            return Optional.empty();
        }
        int live = 0;
        for (Artifact artifact : release.artifacts()) {
            Artifact there = deployed.get(artifact.id());
            if (there != null && there.attributes().equals(artifact.attributes())) {
                live++;
            }
        }
        return Optional.of(new Coverage(run, live, release.artifacts().size()));
    }
}
