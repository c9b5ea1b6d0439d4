package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One artifact of a plan: what it was ({@code before}, absent when added), what it becomes ({@code
 * after}, absent when removed), and which attributes differ.
 */
public record PlannedArtifact(String id, ChangeKind change, Artifact before, Artifact after, List<FieldChange> fields) {

    public PlannedArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a planned artifact exists on at least one side: " + id);
        }
        fields = List.copyOf(fields);
    }

    /** The artifact as it will be after the release (or as it was, when removed). */
    public Artifact current() {
        return after != null ? after : before;
    }

    public String product() {
        return current().product();
    }

    public ArtifactKind kind() {
        return current().kind();
    }

    public Optional<Artifact> beforeArtifact() {
        return Optional.ofNullable(before);
    }

    public Optional<Artifact> afterArtifact() {
        return Optional.ofNullable(after);
    }
}
