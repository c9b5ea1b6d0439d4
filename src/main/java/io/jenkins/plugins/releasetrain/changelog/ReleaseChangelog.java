package io.jenkins.plugins.releasetrain.changelog;

import java.util.List;
import java.util.Optional;

/** The changelog of a release: one entry per added or changed artifact, in the plan's order. */
public record ReleaseChangelog(List<ArtifactChangelog> artifacts) {

    public static final ReleaseChangelog EMPTY = new ReleaseChangelog(List.of());

    public ReleaseChangelog {
        artifacts = List.copyOf(artifacts);
    }

    public Optional<ArtifactChangelog> artifact(String id) {
        return artifacts.stream().filter(a -> a.artifactId().equals(id)).findFirst();
    }

    /** Commits the release brings, over all artifacts (lower bounds included as counted). */
    public int commitsAdded() {
        return artifacts.stream().mapToInt(a -> a.added().total()).sum();
    }
}
