package io.jenkins.plugins.releasetrain.jenkins;

import java.util.Objects;
import java.util.Optional;

/**
 * How a build releases what it read: a regular release, a hotfix (let in by the rule's hotfix lane, without the
 * promotion order), or a regular release that knowingly drops live hotfixes, with the reason it gives. Set by
 * {@code readReleaseManifest} and kept with the build, so the approval gate, the ledger and the events all see the
 * same kind.
 *
 * <p>Plain fields because it is written to the build's XML.
 */
final class ReleaseKind {

    static final ReleaseKind REGULAR = new ReleaseKind(false, null);

    private final boolean hotfix;
    private final String dropHotfix;

    private ReleaseKind(boolean hotfix, String dropHotfix) {
        this.hotfix = hotfix;
        this.dropHotfix = dropHotfix;
    }

    static ReleaseKind hotfix() {
        return new ReleaseKind(true, null);
    }

    /** A regular release that may replace hotfixed artifacts with commits without the fix, for {@code reason}. */
    static ReleaseKind droppingHotfixes(String reason) {
        return new ReleaseKind(false, Objects.requireNonNull(reason, "reason"));
    }

    boolean isHotfix() {
        return hotfix;
    }

    /** Why the release may drop live hotfixes, when the Pipeline said it may. */
    Optional<String> dropHotfix() {
        return Optional.ofNullable(dropHotfix);
    }

    /** "a hotfix", "a regular release": for messages. */
    String describe() {
        return hotfix ? "a hotfix" : dropHotfix != null ? "a regular release that drops hotfixes" : "a regular release";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseKind other && hotfix == other.hotfix && Objects.equals(dropHotfix, other.dropHotfix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hotfix, dropHotfix);
    }
}
