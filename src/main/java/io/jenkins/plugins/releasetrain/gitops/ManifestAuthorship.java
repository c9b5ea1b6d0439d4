package io.jenkins.plugins.releasetrain.gitops;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who changed an environment's manifest between the last released commit and the one about to be
 * released: the input of the approval rule that forbids people from approving their own release.
 *
 * <p>A commit counts when it changed what the manifest declares (a rename alone does not, nor a change of
 * comments or layout only), whichever path the
 * file had then, on the first-parent line or on a branch merged into it: a change that arrived through a
 * merge is attributed to the commits that made it on the branch, not to whoever merged. A merge commit
 * counts itself only when it wrote something of its own: its result differs from every parent and from
 * the clean line merge of the two (a resolved conflict, or an edit made while merging). Every author,
 * committer and {@code Co-authored-by:} trailer of a counted commit is in {@link #people()}.
 *
 * @param path the manifest's path at {@code until}
 * @param since the last released commit (full SHA), or empty when the whole history counts
 * @param until the commit being released (full SHA)
 * @param changes the counted commits, newest first (children before parents)
 * @param sinceIsAncestor false when {@code since} is not in {@code until}'s history (history rewritten
 *     after the release): the changes are then those {@code until} has and {@code since} lacks
 */
public record ManifestAuthorship(
        String path, Optional<String> since, String until, List<ManifestChange> changes, boolean sinceIsAncestor) {

    public ManifestAuthorship {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        changes = List.copyOf(changes);
    }

    /** Everyone who authored, committed or co-authored a counted change, each once, in history order. */
    public Set<Identity> people() {
        Set<Identity> people = new LinkedHashSet<>();
        changes.forEach(change -> people.addAll(change.people()));
        return Collections.unmodifiableSet(people);
    }

    /** Whether {@code user} (an email, name or login; see {@link Identity#matches}) changed the manifest. */
    public boolean involves(String user) {
        return changes.stream().flatMap(c -> c.people().stream()).anyMatch(identity -> identity.matches(user));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
