package io.jenkins.plugins.releasetrain.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An artifact live at different versions in two environments (staging ahead of production, say), or live
 * in only one of them. Versions are commits and source tags; destination tags differ by design and are
 * not compared.
 */
public record ArtifactDrift(String artifactId, Optional<LiveArtifact> from, Optional<LiveArtifact> to) {

    public ArtifactDrift {
        Objects.requireNonNull(artifactId, "artifactId");
        if (from.isEmpty() && to.isEmpty()) {
            throw new IllegalArgumentException("a drifting artifact is live on at least one side: " + artifactId);
        }
    }

    /** How the two environments differ for this artifact. */
    public enum Kind {
        /** Live in both, at different versions. */
        VERSION,
        /** Live only in the first environment (not promoted yet). */
        ONLY_FROM,
        /** Live only in the second environment. */
        ONLY_TO
    }

    public Kind kind() {
        return from.isEmpty() ? Kind.ONLY_TO : to.isEmpty() ? Kind.ONLY_FROM : Kind.VERSION;
    }

    /** Every artifact whose version differs between {@code from} and {@code to}, by artifact id. */
    public static List<ArtifactDrift> between(EnvironmentState from, EnvironmentState to) {
        Map<String, LiveArtifact[]> sides = new TreeMap<>();
        from.artifacts().forEach(a -> sides.computeIfAbsent(a.artifactId(), k -> new LiveArtifact[2])[0] = a);
        to.artifacts().forEach(a -> sides.computeIfAbsent(a.artifactId(), k -> new LiveArtifact[2])[1] = a);
        List<ArtifactDrift> drift = new ArrayList<>();
        sides.forEach((id, pair) -> {
            boolean same = pair[0] != null
                    && pair[1] != null
                    && pair[0].artifact().version().equals(pair[1].artifact().version());
            if (!same) {
                drift.add(new ArtifactDrift(id, Optional.ofNullable(pair[0]), Optional.ofNullable(pair[1])));
            }
        });
        return List.copyOf(drift);
    }
}
