package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestRepositoryTest {

    static final String STAGING_PATH = "releases/staging-us-east-2.yaml";
    static final String PRODUCTION_PATH = "releases/production-us-east-2.yaml";
    static final String STAGING_RC2 = Fixtures.exampleText("staging-us-east-2.yaml");
    static final String STAGING_RC1 = Fixtures.replaceOnce(STAGING_RC2, "releaseCandidate: 2", "releaseCandidate: 1");
    static final String PRODUCTION = Fixtures.exampleText("production-us-east-2.yaml");

    @TempDir
    Path temp;

    private ManifestRepository open(Path directory) {
        return ManifestRepository.open(RepositoryLocation.local(directory), GitAccess.anonymous(temp.resolve("cache")));
    }

    @Test
    void readsTheManifestAtABranchATagAFullAndAnAbbreviatedSha() {
        RevCommit first;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            first = repo.commit("Add manifests", ALICE, Map.of(STAGING_PATH, STAGING_RC1, PRODUCTION_PATH, PRODUCTION));
            repo.tag("v1");
            repo.commit("staging: rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            assertThat(version(manifests.read("main", STAGING_PATH))).isEqualTo("1.9.0-rc2");
            assertThat(version(manifests.read("v1", STAGING_PATH))).isEqualTo("1.9.0-rc1");
            assertThat(version(manifests.read(first.name(), STAGING_PATH))).isEqualTo("1.9.0-rc1");
            assertThat(version(manifests.read(first.name().substring(0, 7), "./" + STAGING_PATH)))
                    .isEqualTo("1.9.0-rc1");
            assertThat(version(manifests.read("main~1", STAGING_PATH))).isEqualTo("1.9.0-rc1");
            ManifestAtRevision atTag = manifests.read("v1", STAGING_PATH);
            assertThat(atTag.commit()).isEqualTo(first.name());
            assertThat(atTag.revision()).isEqualTo("v1");
            assertThat(atTag.path()).isEqualTo(STAGING_PATH);
        }
    }

    private static String version(ManifestAtRevision manifest) {
        return manifest.release().product("product1").orElseThrow().displayVersion();
    }

    @Test
    void namesRepositoryRevisionAndPathInTheDiagnosticsOfAnInvalidManifest() {
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit(
                    "Typo",
                    ALICE,
                    Map.of(
                            STAGING_PATH,
                            Fixtures.replaceOnce(STAGING_RC2, "    releaseVersion:", "    releaseVersoin:")));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            assertThatThrownBy(() -> manifests.read("main", STAGING_PATH))
                    .isInstanceOfSatisfying(
                            ManifestException.class,
                            e -> assertThat(e.errors())
                                    .extracting(Diagnostic::format)
                                    .anySatisfy(line -> assertThat(line)
                                            .startsWith(temp.resolve("infra") + "@main:" + STAGING_PATH
                                                    + ":8:5: error: unknown" + " key 'releaseVersoin'")));
        }
    }

    @Test
    void reportsAMissingFileWithTheManifestsThatExistAtThatRevision() {
        RevCommit commit;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            commit = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC2, PRODUCTION_PATH, PRODUCTION));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            assertThatThrownBy(() -> manifests.read("main", "releases/stagign-us-east-2.yaml"))
                    .isInstanceOfSatisfying(ManifestNotFoundException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("no file releases/stagign-us-east-2.yaml at main (commit "
                                        + commit.name().substring(0, 12) + ") in " + temp.resolve("infra"));
                        assertThat(e.hint())
                                .isEqualTo("did you mean releases/staging-us-east-2.yaml? YAML files in releases/:"
                                        + " production-us-east-2.yaml, staging-us-east-2.yaml");
                        assertThat(e.commit()).isEqualTo(commit.name());
                    });
            assertThatThrownBy(() -> manifests.read("main", "envs/qa.yaml"))
                    .isInstanceOf(ManifestNotFoundException.class)
                    .satisfies(e -> assertThat(((GitOpsException) e).hint()).contains("there is no directory envs/"));
        }
    }

    @Test
    void reportsAnUnknownRevisionWithTheClosestName() {
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC2));
            repo.tag("v1.0.0");
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            assertThatThrownBy(() -> manifests.read("mian", STAGING_PATH))
                    .isInstanceOfSatisfying(UnknownRevisionException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("no branch, tag or commit 'mian' in " + temp.resolve("infra"));
                        assertThat(e.hint()).isEqualTo("did you mean 'main'? branches: main; tags: v1.0.0");
                    });
            assertThatThrownBy(() -> manifests.read("deadbeef", STAGING_PATH))
                    .isInstanceOf(UnknownRevisionException.class)
                    .hasMessageStartingWith("no commit 'deadbeef'");
        }
    }

    @Test
    void readsTheReleasedManifestUnderTheNameItHadBeforeARename() {
        String oldPath = "releases/staging.yaml";
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("Add staging", ALICE, Map.of(oldPath, STAGING_RC1));
            repo.tag("released");
            repo.rename("Name manifests after their environment", BOB, oldPath, STAGING_PATH);
            repo.commit(
                    "staging: rc2 with new resources",
                    CAROL,
                    Map.of(
                            STAGING_PATH,
                            STAGING_RC2.replace(
                                    "4f545ec8f09c81ac645926f755ba13f46434f636",
                                    "9a3c5e7f1b2d4c6e8a0b1c3d5e7f9a2b4c6d8e0f")));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            assertThatThrownBy(() -> manifests.releaseAt("released", STAGING_PATH))
                    .isInstanceOf(ManifestNotFoundException.class);

            ManifestAtRevision released = manifests.manifestAsOf("released", STAGING_PATH, "main");
            assertThat(released.path()).isEqualTo(oldPath);
            assertThat(version(released)).isEqualTo("1.9.0-rc1");

            Release current = manifests.releaseAt("main", STAGING_PATH);
            ReleasePlan plan =
                    ReleasePlan.of(current, Optional.of(manifests.releaseAt("released", STAGING_PATH, "main")));
            assertThat(plan.work()).extracting(PlannedArtifact::id).containsExactly("product1/deploy/resources");
        }
    }

    @Test
    void readsARemoteThroughAShallowCacheAndDeepensItWhenHistoryIsAsked() throws IOException {
        RevCommit first;
        try (TestRepository repo = TestRepository.init(temp.resolve("work"))) {
            first = repo.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1));
            repo.tag("v1");
            repo.commit("rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            repo.pushTo(temp.resolve("remote.git"));
        }
        RepositoryLocation remote =
                RepositoryLocation.parse(temp.resolve("remote.git").toUri().toString());
        GitAccess access = GitAccess.anonymous(temp.resolve("cache"));
        try (ManifestRepository manifests = ManifestRepository.open(remote, access)) {
            assertThat(version(manifests.read("main", STAGING_PATH))).isEqualTo("1.9.0-rc2");
            assertThat(shallowCommits(remote, access)).isOne();

            ManifestAuthorship authorship = manifests.authorship(STAGING_PATH, Optional.of("v1"), "main");
            assertThat(authorship.people()).containsExactly(BOB);
            assertThat(shallowCommits(remote, access)).isZero();

            assertThat(version(manifests.read(first.name().substring(0, 8), STAGING_PATH)))
                    .isEqualTo("1.9.0-rc1");
            assertThat(version(manifests.read("HEAD", STAGING_PATH))).isEqualTo("1.9.0-rc2");
            assertThat(manifests.defaultBranch()).contains("main");
        }
    }

    private static int shallowCommits(RepositoryLocation remote, GitAccess access) throws IOException {
        try (Repository cache = new FileRepositoryBuilder()
                .setGitDir(access.cacheRoot()
                        .resolve(RemoteMirror.cacheName(remote))
                        .toFile())
                .setMustExist(true)
                .build()) {
            return cache.getObjectDatabase().getShallowCommits().size();
        }
    }
}
