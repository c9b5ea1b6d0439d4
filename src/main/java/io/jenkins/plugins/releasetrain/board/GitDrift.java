package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where git and an environment disagree: the artifacts whose version in the environment's manifest differs from
 * the version live there (after a rollback, until the commit that matches git to it is merged).
 */
final class GitDrift {

    private static final int NAMED = 5;

    private GitDrift() {}

    /** A sentence for the environment's column, or empty when git says what runs (or nothing is live yet). */
    static Optional<String> of(DeclaredReleases.Declared declared, List<ArtifactState> live) {
        Objects.requireNonNull(declared, "declared");
        Map<String, String> liveVersions = new TreeMap<>();
        live.stream()
                .filter(s -> s.liveVersion() != null)
                .forEach(s -> liveVersions.put(s.artifactId(), s.liveVersion()));
        if (liveVersions.isEmpty()) {
            return Optional.empty();
        }
        Release release = declared.release();
        Map<String, String> gitVersions = new TreeMap<>();
        for (Artifact artifact : release.artifacts()) {
            gitVersions.put(artifact.id(), artifact.version());
        }
        List<String> differing = new ArrayList<>();
        gitVersions.forEach((id, version) -> {
            if (!version.equals(liveVersions.get(id))) {
                differing.add(id + " (git " + shortVersion(version) + ", live "
                        + Optional.ofNullable(liveVersions.get(id))
                                .map(GitDrift::shortVersion)
                                .orElse("none") + ")");
            }
        });
        liveVersions.keySet().stream()
                .filter(id -> !gitVersions.containsKey(id))
                .forEach(id -> differing.add(id + " (not in git, live " + shortVersion(liveVersions.get(id)) + ")"));
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join(", ", differing.subList(0, Math.min(NAMED, differing.size())))
                + (differing.size() > NAMED ? " and " + (differing.size() - NAMED) + " more" : "");
        return Optional.of("git (" + declared.source() + ") declares release "
                + release.id().shortForm() + ", not what"
                + " runs: " + differing.size() + (differing.size() == 1 ? " artifact differs: " : " artifacts differ: ")
                + named);
    }

    /** Commits are shown as git does; tags whole. */
    private static String shortVersion(String version) {
        return version.matches("[0-9a-f]{40}") ? version.substring(0, 12) : version;
    }
}
