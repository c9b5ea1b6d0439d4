package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_RC1;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_RC2;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.CAROL;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.RequiredTool;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestAuthorshipTest {

    private static final Identity ERIN = new Identity("Erin Pair", "erin@example.com");
    private static final String STAGING_RC3 =
            Fixtures.replaceOnce(STAGING_RC2, "releaseCandidate: 2", "releaseCandidate: 3");

    @TempDir
    Path temp;

    private ManifestAuthorship authorship(String path, Optional<String> since) {
        try (ManifestRepository manifests = ManifestRepository.open(
                RepositoryLocation.local(temp.resolve("infra")), GitAccess.anonymous(temp.resolve("cache")))) {
            return manifests.authorship(path, since, "main");
        }
    }

    @Test
    void countsAuthorsCommittersAndCoAuthorsOfTheChangesSinceTheReleaseAndNobodyElse() {
        RevCommit released;
        RevCommit change;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            released = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1, PRODUCTION_PATH, PRODUCTION));
            repo.commit("Docs", BOB, Map.of("README.md", "# infra\n"));
            change = repo.commit(
                    "staging: rc2\n\nReviewed on a call.\n\nCo-authored-by: Erin Pair <Erin@Example.com>\n",
                    CAROL,
                    DAVE,
                    Map.of(STAGING_PATH, STAGING_RC2));
            repo.commit("production: comment", BOB, Map.of(PRODUCTION_PATH, "# prod\n" + PRODUCTION));
        }

        ManifestAuthorship authorship = authorship(STAGING_PATH, Optional.of(released.name()));

        assertThat(authorship.people()).containsExactly(CAROL, DAVE, ERIN);
        assertThat(authorship.changes()).singleElement().satisfies(c -> {
            assertThat(c.commit()).isEqualTo(change.name());
            assertThat(c.author()).isEqualTo(CAROL);
            assertThat(c.committer()).isEqualTo(DAVE);
            assertThat(c.coAuthors()).containsExactly(ERIN);
            assertThat(c.summary()).isEqualTo("staging: rc2");
            assertThat(c.path()).isEqualTo(STAGING_PATH);
        });
        assertThat(authorship.since()).contains(released.name());
        assertThat(authorship.sinceIsAncestor()).isTrue();
        assertThat(authorship.involves("erin@example.com")).isTrue();
        assertThat(authorship.involves("Bob Builder")).isFalse();
        assertThat(authorship.involves("alice@example.com")).isFalse();
    }

    @Test
    void aChangeOfCommentsOrLayoutOnlyMakesNobodyAnAuthor() {
        RevCommit released;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            released = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.commit("staging: rc2", CAROL, Map.of(STAGING_PATH, STAGING_RC2));
            repo.commit("staging: explain", BOB, Map.of(STAGING_PATH, "# reviewed on Monday\n" + STAGING_RC2));
        }

        ManifestAuthorship authorship = authorship(STAGING_PATH, Optional.of(released.name()));

        assertThat(authorship.people()).containsExactly(CAROL);
    }

    @Test
    void attributesAChangeMergedFromABranchToItsAuthorNotToWhoeverMerged() {
        RevCommit released;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            released = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.branch("feature");
            repo.commit("main: new image tag", CAROL, Map.of(STAGING_PATH, STAGING_RC1.replace("dev_789", "dev_790")));
            repo.checkout("feature");
            repo.commit("feature: rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            repo.commit("feature: docs", ERIN, Map.of("docs/notes.md", "notes\n"));
            repo.checkout("main");
            repo.merge("feature", DAVE, "Merge pull request #7 from feature");
        }

        ManifestAuthorship authorship = authorship(STAGING_PATH, Optional.of(released.name()));

        assertThat(authorship.people()).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(authorship.changes())
                .extracting(ManifestChange::summary)
                .containsExactlyInAnyOrder("main: new image tag", "feature: rc2");
    }

    @Test
    void countsTheMergeThatResolvedAConflictInTheManifest() {
        RevCommit released;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            released = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.branch("feature");
            repo.commit("main: rc3", CAROL, Map.of(STAGING_PATH, STAGING_RC3));
            repo.checkout("feature");
            repo.commit("feature: rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            repo.checkout("main");
            repo.mergeResolving(
                    "feature",
                    DAVE,
                    Map.of(
                            STAGING_PATH,
                            Fixtures.replaceOnce(STAGING_RC2, "releaseCandidate: 2", "releaseCandidate: 4")));
        }

        ManifestAuthorship authorship = authorship(STAGING_PATH, Optional.of(released.name()));

        assertThat(authorship.people()).containsExactlyInAnyOrder(BOB, CAROL, DAVE);
        assertThat(authorship.changes())
                .first()
                .extracting(ManifestChange::author)
                .isEqualTo(DAVE);
    }

    @Test
    void followsTheManifestThroughARenameWithoutCountingThePureRename() {
        String oldPath = "envs/staging.yaml";
        RevCommit second;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("Add", ALICE, Map.of(oldPath, STAGING_RC1));
            second = repo.commit("rc2", BOB, Map.of(oldPath, STAGING_RC2));
            repo.rename("Move manifests", CAROL, oldPath, STAGING_PATH);
            repo.commit("rc3", DAVE, Map.of(STAGING_PATH, STAGING_RC3));
        }

        ManifestAuthorship whole = authorship(STAGING_PATH, Optional.empty());

        assertThat(whole.changes())
                .extracting(ManifestChange::summary, ManifestChange::path)
                .containsExactly(tuple("rc3", STAGING_PATH), tuple("rc2", oldPath), tuple("Add", oldPath));
        assertThat(whole.people()).containsExactly(DAVE, BOB, ALICE);
        assertThat(authorship(STAGING_PATH, Optional.of(second.name())).people())
                .containsExactly(DAVE);
    }

    @Test
    void saysWhenTheReleasedCommitIsNotInTheHistoryBeingReleased() {
        RevCommit elsewhere;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.branch("abandoned");
            repo.commit("rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            repo.checkout("abandoned");
            elsewhere = repo.commit("rc3 never merged", CAROL, Map.of(STAGING_PATH, STAGING_RC3));
            repo.checkout("main");
        }

        ManifestAuthorship authorship = authorship(STAGING_PATH, Optional.of(elsewhere.name()));

        assertThat(authorship.sinceIsAncestor()).isFalse();
        assertThat(authorship.people()).containsExactly(BOB);
    }

    @Test
    void refusesToTellAuthorsFromAShallowClone() throws Exception {
        Path git = RequiredTool.GIT.require();
        try (TestRepository repo = TestRepository.init(temp.resolve("work"))) {
            repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.commit("rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            repo.pushTo(temp.resolve("remote.git"));
        }
        Process clone = new ProcessBuilder(
                        git.toString(),
                        "clone",
                        "--quiet",
                        "--depth",
                        "1",
                        temp.resolve("remote.git").toUri().toString(),
                        temp.resolve("infra").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(clone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clone.exitValue()).isZero();

        assertThatThrownBy(() -> authorship(STAGING_PATH, Optional.empty()))
                .isInstanceOf(RepositoryAccessException.class)
                .hasMessageContaining("is cut short at commit")
                .satisfies(e -> assertThat(((GitOpsException) e).hint()).contains("git fetch --unshallow"));
    }
}
