package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authors from a real git work tree, as a CI workspace holds it after a checkout. */
class WorkTreeAuthorsTest {

    private static final String MANIFEST = "releases/staging-us-east-2.yaml";
    private static final String FIRST = Fixtures.exampleText("staging-us-east-2.yaml");
    private static final String SECOND = FIRST.replace("releaseCandidate: 2", "releaseCandidate: 3");

    @TempDir
    Path workspace;

    private RevCommit commit(Git git, String text, String author) throws Exception {
        Path file = workspace.resolve("checkout").resolve(MANIFEST);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        git.add().addFilepattern(MANIFEST).call();
        PersonIdent person = new PersonIdent(author, author + "@example.com");
        return git.commit()
                .setMessage("release")
                .setAuthor(person)
                .setCommitter(person)
                .setSign(false)
                .call();
    }

    private static ReleaseId id(String text) {
        return new ManifestLoader().load(MANIFEST, text).release().id();
    }

    private WorkTreeAuthors.Result find(String text, Optional<String> since) {
        return WorkTreeAuthors.find(workspace, "checkout/" + MANIFEST, id(text), since);
    }

    @Test
    void everyoneWhoChangedTheManifestSinceTheLastReleasedCommit() throws Exception {
        try (Git git =
                Git.init().setDirectory(workspace.resolve("checkout").toFile()).call()) {
            RevCommit released = commit(git, FIRST, "alice");
            RevCommit head = commit(git, SECOND, "bob");

            WorkTreeAuthors.Result all = find(SECOND, Optional.empty());
            WorkTreeAuthors.Result sinceRelease = find(SECOND, Optional.of(released.name()));

            assertThat(all).isInstanceOfSatisfying(WorkTreeAuthors.Known.class, known -> {
                assertThat(known.head()).isEqualTo(head.name());
                assertThat(known.authors())
                        .extracting(ReleaseAuthor::email)
                        .contains("alice@example.com", "bob@example.com");
            });
            assertThat(sinceRelease)
                    .isInstanceOfSatisfying(
                            WorkTreeAuthors.Known.class,
                            known -> assertThat(known.authors())
                                    .extracting(ReleaseAuthor::email)
                                    .containsOnly("bob@example.com"));
        }
    }

    @Test
    void aManifestChangedAfterTheCheckoutHasNoAuthorAnyoneCanTell() throws Exception {
        try (Git git =
                Git.init().setDirectory(workspace.resolve("checkout").toFile()).call()) {
            commit(git, FIRST, "alice");
            Files.writeString(workspace.resolve("checkout").resolve(MANIFEST), SECOND, StandardCharsets.UTF_8);

            assertThat(find(SECOND, Optional.empty()))
                    .isInstanceOfSatisfying(
                            WorkTreeAuthors.Unknown.class,
                            unknown -> assertThat(unknown.reason()).contains("is not what git holds at HEAD"));
        }
    }

    @Test
    void aManifestOutsideAnyCheckoutHasNoAuthorAnyoneCanTell() throws Exception {
        Path file = workspace.resolve("checkout").resolve(MANIFEST);
        Files.createDirectories(file.getParent());
        Files.writeString(file, FIRST, StandardCharsets.UTF_8);

        assertThat(find(FIRST, Optional.empty()))
                .isInstanceOfSatisfying(
                        WorkTreeAuthors.Unknown.class,
                        unknown -> assertThat(unknown.reason()).contains("is not in a git checkout"));
    }

    @Test
    void anUnknownLastReleasedCommitCountsTheWholeHistory() throws Exception {
        try (Git git =
                Git.init().setDirectory(workspace.resolve("checkout").toFile()).call()) {
            commit(git, FIRST, "alice");
            commit(git, SECOND, "bob");

            assertThat(find(SECOND, Optional.of("0123456789abcdef0123456789abcdef01234567")))
                    .isInstanceOfSatisfying(
                            WorkTreeAuthors.Known.class,
                            known -> assertThat(known.authors())
                                    .extracting(ReleaseAuthor::email)
                                    .contains("alice@example.com", "bob@example.com"));
        }
    }
}
