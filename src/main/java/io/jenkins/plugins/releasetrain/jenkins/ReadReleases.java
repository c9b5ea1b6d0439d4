package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.InvisibleAction;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests a build has read, kept on the controller with the build: the steps that follow name a release
 * by its id and get exactly the content that was read, without a workspace (so that waiting for approval holds
 * no executor) and without reading the workspace again (so that no later change to a file, by a parallel branch
 * or by the Pipeline, can change what was planned, approved and run).
 */
public final class ReadReleases extends InvisibleAction {

    /** One manifest as read: where from, its text, and the id of the release it declares. */
    static final class Entry {
        private final String path;
        private final String text;
        private final String releaseId;
        private final WorkspaceAuthors.Found authors;
        /** Present when the build read the release from the ledger to roll back to it; null otherwise. */
        private final ReleaseRollback rollback;
        /** How the build releases it: as a hotfix, or dropping live hotfixes (null: a regular release). */
        private final ReleaseKind kind;
        /** Whether a step has acted on the kind (recorded the start, decided): from then on it stays as it is. */
        private final boolean settled;

        Entry(String path, String text, String releaseId, WorkspaceAuthors.Found authors) {
            this(path, text, releaseId, authors, null, null, false);
        }

        private Entry(
                String path,
                String text,
                String releaseId,
                WorkspaceAuthors.Found authors,
                ReleaseRollback rollback,
                ReleaseKind kind,
                boolean settled) {
            this.path = path;
            this.text = text;
            this.releaseId = releaseId;
            this.authors = authors;
            this.rollback = rollback;
            this.kind = kind;
            this.settled = settled;
        }

        private Entry withKind(ReleaseKind newKind, boolean nowSettled) {
            return new Entry(path, text, releaseId, authors, rollback, newKind, nowSettled);
        }

        /** How the build releases it: a regular release unless it read it as a hotfix or to drop hotfixes. */
        ReleaseKind kind() {
            return kind == null ? ReleaseKind.REGULAR : kind;
        }

        /** The rollback this release is for, when the build read it with {@code readReleaseRollback}. */
        Optional<ReleaseRollback> rollback() {
            return Optional.ofNullable(rollback);
        }

        /** Who wrote it according to git, or why nobody can tell (null in builds from before it was kept). */
        Optional<WorkspaceAuthors.Found> authors() {
            return Optional.ofNullable(authors);
        }

        String path() {
            return path;
        }

        String text() {
            return text;
        }

        String releaseId() {
            return releaseId;
        }
    }

    // Replaced, never changed in place: the run's XML may be written while a parallel branch registers another
    // manifest, and a list that nobody changes can be written at any time.
    private volatile ArrayList<Entry> entries = new ArrayList<>();

    private ReadReleases() {}

    /** The build's record of manifests, added when it first reads one. */
    static ReadReleases of(Run<?, ?> run) {
        return RunActions.getOrAdd(run, ReadReleases.class, ReadReleases::new);
    }

    /** The build's record of manifests, if it has read any. */
    static Optional<ReadReleases> find(Run<?, ?> run) {
        return Optional.ofNullable(run.getAction(ReadReleases.class));
    }

    /** Keeps a manifest the build read; reading the same content again keeps the first path it came from. */
    synchronized void register(String path, String text, String releaseId, WorkspaceAuthors.Found authors) {
        if (entry(releaseId).isPresent()) {
            return;
        }
        ArrayList<Entry> next = new ArrayList<>(entries);
        next.add(new Entry(path, text, releaseId, authors));
        entries = next;
    }

    /**
     * Keeps a release read from the ledger to roll back to it, marked as a rollback: it replaces what the build
     * read of the same content before, so every step that names the release from now on treats it as the rollback.
     */
    synchronized void registerRollback(String path, String text, String releaseId, ReleaseRollback rollback) {
        ArrayList<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.releaseId.equals(releaseId));
        next.add(new Entry(path, text, releaseId, null, rollback, null, false));
        entries = next;
    }

    /**
     * Sets how the build releases a release it read, as the latest read says, until a step acted on it; then a read
     * that says otherwise is refused (a read that says nothing leaves it). The steps that decide, record and announce
     * the release take the kind from here, never from their own arguments, so they cannot disagree.
     *
     * @return the kind the release has now
     * @throws IllegalStateException naming the kind it keeps, when it is settled and {@code kind} differs
     */
    synchronized ReleaseKind releaseAs(String releaseId, ReleaseKind kind, boolean explicit) {
        Entry entry = entries.stream()
                .filter(e -> e.releaseId.equals(releaseId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("release " + releaseId + " was not read by this build"));
        if (entry.rollback != null && explicit && !kind.equals(ReleaseKind.REGULAR)) {
            throw new IllegalStateException("a rollback");
        }
        if (entry.settled) {
            if (explicit && !entry.kind().equals(kind)) {
                throw new IllegalStateException(entry.kind().describe());
            }
            return entry.kind();
        }
        replace(entry, entry.withKind(kind, false));
        return kind;
    }

    /** The kind of the release with this id, settled from now on: called by the steps that act on it. */
    synchronized ReleaseKind settledKind(String releaseId) {
        Optional<Entry> entry =
                entries.stream().filter(e -> e.releaseId.equals(releaseId)).findFirst();
        if (entry.isEmpty()) {
            return ReleaseKind.REGULAR;
        }
        if (!entry.get().settled) {
            replace(entry.get(), entry.get().withKind(entry.get().kind, true));
        }
        return entry.get().kind();
    }

    private void replace(Entry old, Entry replacement) {
        ArrayList<Entry> next = new ArrayList<>(entries);
        next.set(next.indexOf(old), replacement);
        entries = next;
    }

    /** The settled kind of the release with this id in {@code run}: {@link ReleaseKind#REGULAR} unless read otherwise. */
    static ReleaseKind kind(Run<?, ?> run, String releaseId) {
        return find(run).map(r -> r.settledKind(releaseId)).orElse(ReleaseKind.REGULAR);
    }

    /** The rollback the build is making with this release, if it read it with {@code readReleaseRollback}. */
    static Optional<ReleaseRollback> rollback(Run<?, ?> run, String releaseId) {
        return find(run).flatMap(r -> r.entry(releaseId)).flatMap(Entry::rollback);
    }

    /** The manifest of the release with this full id, or the only one whose id starts with it. */
    Optional<Entry> entry(String releaseId) {
        List<Entry> matches = entries.stream()
                .filter(e -> e.releaseId.equals(releaseId)
                        || (releaseId.length() >= 12 && e.releaseId.startsWith(releaseId)))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    List<String> releaseIds() {
        return entries.stream().map(Entry::releaseId).toList();
    }
}
