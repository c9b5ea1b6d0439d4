package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The release's authors as a CI server knows them: from the changes its builds checked out (Jenkins change
 * sets), those that touched the manifest. Unlike {@link ReleaseAuthors#of}, which reads git history, this
 * needs no repository, only what the server recorded for each build.
 */
public final class BuildChanges {

    /**
     * One recorded commit.
     *
     * @param author the author's user id on the server (the CI server maps the commit's author to a user)
     * @param authorName the author's full name, when the server knows one
     * @param paths the files the commit touched, relative to its repository
     */
    public record Change(String commit, String author, String authorName, List<String> paths) {

        public Change {
            Objects.requireNonNull(commit, "commit");
            paths = List.copyOf(paths);
        }
    }

    private BuildChanges() {}

    /**
     * Everyone who authored a change to {@code manifest} (a workspace path), each once, newest change first when
     * the changes are given newest first. A change touches the manifest when one of its paths is the manifest's,
     * or one ends where the other does (a checkout into a subdirectory of the workspace, or a manifest of a
     * repository checked out below it).
     */
    public static List<ReleaseAuthor> authors(String manifest, List<Change> changes) {
        String wanted = normalize(manifest);
        List<ReleaseAuthor> authors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Change change : changes) {
            if (change.paths().stream().map(BuildChanges::normalize).noneMatch(p -> sameFile(wanted, p))) {
                continue;
            }
            add(authors, seen, change.author(), change.commit());
            add(authors, seen, change.authorName(), change.commit());
        }
        return List.copyOf(authors);
    }

    private static void add(List<ReleaseAuthor> authors, Set<String> seen, String name, String commit) {
        if (name != null && !name.isBlank() && seen.add(Names.key(name))) {
            authors.add(ReleaseAuthor.author(name.strip(), null, commit));
        }
    }

    static boolean sameFile(String manifest, String changed) {
        if (manifest.isEmpty() || changed.isEmpty()) {
            return false;
        }
        return manifest.equals(changed) || manifest.endsWith("/" + changed) || changed.endsWith("/" + manifest);
    }

    private static String normalize(String path) {
        String normalized = path == null ? "" : path.strip().replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        // Windows agents check out into case-insensitive file systems; a false match only excludes one more person.
        return normalized.toLowerCase(Locale.ROOT);
    }
}
