package io.jenkins.plugins.releasetrain.gitops;

import java.util.Objects;

/**
 * A promotion computed against one commit, not yet written: what a dry run shows.
 *
 * @param base the branch both manifests were read on
 * @param baseCommit its full SHA at that moment; the promotion commit's parent
 * @param source the manifest promoted from
 * @param target the manifest promoted into, before the promotion
 * @param promotion the edited target
 * @param diff the change as {@code git diff} would show it
 */
public record PreparedPromotion(
        String base,
        String baseCommit,
        ManifestAtRevision source,
        ManifestAtRevision target,
        Promotion promotion,
        String diff) {

    public PreparedPromotion {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(baseCommit, "baseCommit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(diff, "diff");
    }

    public boolean changesNothing() {
        return promotion.changesNothing();
    }
}
