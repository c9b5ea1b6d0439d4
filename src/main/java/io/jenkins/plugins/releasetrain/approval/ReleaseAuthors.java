package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.gitops.Identity;
import io.jenkins.plugins.releasetrain.gitops.ManifestAuthorship;
import io.jenkins.plugins.releasetrain.gitops.ManifestChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The release's authors as gitops finds them in the manifest's history, for separation of duties. */
public final class ReleaseAuthors {

    private ReleaseAuthors() {}

    /**
     * Everyone who authored, committed or co-authored a change of the manifest since the last release, each
     * once, with the newest commit that shows it (changes come newest first).
     */
    public static List<ReleaseAuthor> of(ManifestAuthorship authorship) {
        List<ReleaseAuthor> authors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ManifestChange change : authorship.changes()) {
            add(
                    authors,
                    seen,
                    ReleaseAuthor.author(change.author().name(), change.author().email(), change.commit()));
            add(
                    authors,
                    seen,
                    ReleaseAuthor.committer(
                            change.committer().name(), change.committer().email(), change.commit()));
            for (Identity coAuthor : change.coAuthors()) {
                add(authors, seen, ReleaseAuthor.coAuthor(coAuthor.name(), coAuthor.email(), change.commit()));
            }
        }
        return List.copyOf(authors);
    }

    private static void add(List<ReleaseAuthor> authors, Set<String> seen, ReleaseAuthor author) {
        // gitops keeps e-mail addresses lower case: one address is one person
        if (seen.add(author.email())) {
            authors.add(author);
        }
    }
}
