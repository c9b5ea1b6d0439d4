package io.jenkins.plugins.releasetrain.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasetrain.approval.ReleaseAuthor;
import io.jenkins.plugins.releasetrain.approval.WorkTreeAuthors;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads who wrote a release from the git history of the manifest where the workspace is (on the agent), and
 * brings back a plain serializable answer that the build keeps with the manifest it read.
 */
final class WorkspaceAuthors extends MasterToSlaveFileCallable<WorkspaceAuthors.Found> {

    private static final long serialVersionUID = 1L;

    private final String manifest;
    private final String releaseId;
    private final String since;

    WorkspaceAuthors(String manifest, String releaseId, Optional<String> since) {
        this.manifest = manifest;
        this.releaseId = releaseId;
        this.since = since.orElse(null);
    }

    @Override
    public Found invoke(File workspace, VirtualChannel channel) {
        WorkTreeAuthors.Result result = WorkTreeAuthors.find(
                workspace.toPath(), manifest, new ReleaseId(releaseId), Optional.ofNullable(since));
        if (result instanceof WorkTreeAuthors.Known known) {
            return Found.known(known.authors(), known.head());
        }
        return Found.unknown(((WorkTreeAuthors.Unknown) result).reason());
    }

    /** The authors and the commit they lead to, or why nobody can tell; kept in the build's XML. */
    static final class Found implements Serializable {

        private static final long serialVersionUID = 1L;

        private final ArrayList<String> names = new ArrayList<>();
        private final ArrayList<String> emails = new ArrayList<>();
        private final ArrayList<String> commits = new ArrayList<>();
        private final String head;
        private final String unknown;

        private Found(String head, String unknown) {
            this.head = head;
            this.unknown = unknown;
        }

        static Found known(List<ReleaseAuthor> authors, String head) {
            Found found = new Found(head, null);
            for (ReleaseAuthor author : authors) {
                found.names.add(author.name());
                found.emails.add(author.email());
                found.commits.add(author.commit());
            }
            return found;
        }

        static Found unknown(String reason) {
            return new Found(null, reason);
        }

        /** The authors, when the history could be read. */
        Optional<List<ReleaseAuthor>> authors() {
            if (unknown != null) {
                return Optional.empty();
            }
            List<ReleaseAuthor> authors = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                authors.add(ReleaseAuthor.author(names.get(i), emails.get(i), commits.get(i)));
            }
            return Optional.of(authors);
        }

        /** The commit released, when the manifest came from git. */
        Optional<String> head() {
            return Optional.ofNullable(head);
        }

        /** Why nobody can tell who wrote it. */
        Optional<String> unknown() {
            return Optional.ofNullable(unknown);
        }
    }
}
