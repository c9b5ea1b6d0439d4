package io.jenkins.plugins.releasetrain.gitops;

import java.util.Objects;
import java.util.Optional;

/**
 * What to promote: {@code from}'s release into {@code to}'s manifest, both read at {@code base} (a branch;
 * default: the remote's HEAD or the local checkout's branch).
 */
public record PromotionRequest(
        String from, String to, ManifestPathPattern paths, ArtifactSelection artifacts, Optional<String> base) {

    public PromotionRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(base, "base");
    }

    /** Everything from {@code from} into {@code to}, with the default layout and base. */
    public static PromotionRequest of(String from, String to) {
        return new PromotionRequest(from, to, ManifestPathPattern.DEFAULT, ArtifactSelection.all(), Optional.empty());
    }

    public PromotionRequest withArtifacts(ArtifactSelection selection) {
        return new PromotionRequest(from, to, paths, selection, base);
    }

    public PromotionRequest withPaths(ManifestPathPattern pattern) {
        return new PromotionRequest(from, to, pattern, artifacts, base);
    }

    public PromotionRequest withBase(String branch) {
        return new PromotionRequest(from, to, paths, artifacts, Optional.of(branch));
    }
}
