package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two releases artifact by artifact, by id. Shared by the plan (same environment, every attribute
 * counts) and the diff between environments (where the destination tag necessarily differs and is ignored).
 */
final class ArtifactComparison {

    private final boolean ignoreEnvironmentSpecific;

    ArtifactComparison(boolean ignoreEnvironmentSpecific) {
        this.ignoreEnvironmentSpecific = ignoreEnvironmentSpecific;
    }

    /** Artifacts of {@code after} in its order, then those only {@code before} has, in its order. */
    List<PlannedArtifact> artifacts(Release before, Release after) {
        return artifacts(before == null ? List.of() : before.artifacts(), after);
    }

    /** As {@link #artifacts(Release, Release)}, against artifacts known one by one (the ledger's state). */
    List<PlannedArtifact> artifacts(Collection<Artifact> before, Release after) {
        Map<String, Artifact> remaining = new LinkedHashMap<>();
        before.forEach(a -> remaining.put(a.id(), a));
        List<PlannedArtifact> planned = new ArrayList<>();
        for (Artifact next : after.artifacts()) {
            Artifact previous = remaining.remove(next.id());
            if (previous == null) {
                planned.add(new PlannedArtifact(next.id(), ChangeKind.ADDED, null, next, List.of()));
            } else {
                List<FieldChange> fields = differences(previous, next);
                planned.add(new PlannedArtifact(
                        next.id(),
                        fields.isEmpty() ? ChangeKind.UNCHANGED : ChangeKind.CHANGED,
                        previous,
                        next,
                        fields));
            }
        }
        remaining
                .values()
                .forEach(
                        gone -> planned.add(new PlannedArtifact(gone.id(), ChangeKind.REMOVED, gone, null, List.of())));
        return List.copyOf(planned);
    }

    List<ProductChange> products(Release before, Release after) {
        Map<String, String> versions = new LinkedHashMap<>();
        if (before != null) {
            before.products().forEach(p -> versions.put(p.name(), p.displayVersion()));
        }
        return products(versions, after);
    }

    /** Products compared by version; {@code before} maps each deployed product to its display version. */
    List<ProductChange> products(Map<String, String> before, Release after) {
        Map<String, String> remaining = new LinkedHashMap<>(before);
        List<ProductChange> changes = new ArrayList<>();
        for (Product next : after.products()) {
            String previous = remaining.remove(next.name());
            if (previous == null) {
                changes.add(new ProductChange(next.name(), ChangeKind.ADDED, null, next.displayVersion()));
            } else {
                boolean same = previous.equals(next.displayVersion());
                changes.add(new ProductChange(
                        next.name(),
                        same ? ChangeKind.UNCHANGED : ChangeKind.CHANGED,
                        previous,
                        next.displayVersion()));
            }
        }
        remaining.forEach((gone, version) -> changes.add(new ProductChange(gone, ChangeKind.REMOVED, version, null)));
        return List.copyOf(changes);
    }

    private List<FieldChange> differences(Artifact before, Artifact after) {
        List<FieldChange> fields = new ArrayList<>();
        Map<String, String> old = before.attributes();
        after.attributes().forEach((field, value) -> {
            if (ignoreEnvironmentSpecific
                    && after.environmentSpecificAttributes().contains(field)) {
                return;
            }
            String previous = old.getOrDefault(field, "");
            if (!Objects.equals(previous, value)) {
                fields.add(new FieldChange(field, previous, value));
            }
        });
        return fields;
    }
}
