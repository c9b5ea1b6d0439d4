package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_RC2;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.CAROL;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoterTest {

    /** Production after promoting all of the example staging manifest into it. */
    static final String PROMOTED_PRODUCTION = PRODUCTION
            .replace("    releaseCandidate: 1\n", "    releaseCandidate: 2\n")
            .replace("3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "4f545ec8f09c81ac645926f755ba13f46434f636")
            .replace("2617569ff9c1478317fbdf6b0e94091233deecbb", "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952")
            .replace("sourceTag: dev_401", "sourceTag: dev_456");

    private static final PromotionRequest STAGING_TO_PRODUCTION =
            PromotionRequest.of("staging-us-east-2", "production-us-east-2");

    @TempDir
    Path temp;

    private Path remote;
    private RevCommit baseCommit;

    @BeforeEach
    void infrastructureRepository() {
        try (TestRepository work = TestRepository.init(temp.resolve("work"))) {
            baseCommit = work.commit(
                    "Add the manifests", ALICE, Map.of(STAGING_PATH, STAGING_RC2, PRODUCTION_PATH, PRODUCTION));
            remote = work.pushTo(temp.resolve("remote.git"));
        }
    }

    private ManifestRepository openRemote() {
        return ManifestRepository.open(
                RepositoryLocation.parse(remote.toUri().toString()), GitAccess.anonymous(temp.resolve("cache")));
    }

    @Test
    void commitsThePromotionOnAReviewBranchWithTrailersAndPushesIt() throws IOException {
        PushedPromotion pushed;
        CommittedPromotion committed;
        try (ManifestRepository manifests = openRemote()) {
            Promoter promoter = new Promoter(manifests);
            PreparedPromotion prepared = promoter.prepare(STAGING_TO_PRODUCTION);
            committed = promoter.commit(
                    prepared,
                    CommitOptions.defaults().by(DAVE).approvedBy(List.of("alice", "Bob Builder <bob@example.com>")));
            pushed = promoter.push(committed, "origin");
        }
        String releaseId = new io.jenkins.plugins.releasetrain.manifest.ManifestLoader()
                .load("p", PROMOTED_PRODUCTION)
                .release()
                .id()
                .value();
        String branch = "release-train/production-us-east-2-" + releaseId.substring(0, 12);
        assertThat(pushed.branch()).isEqualTo(branch);
        assertThat(pushed.rebasedOnto()).isEmpty();
        assertThat(pushed.commit()).isEqualTo(committed.commit());

        try (Repository bare = bare()) {
            RevCommit commit = commitAt(bare, Constants.R_HEADS + branch);
            assertThat(commit.name()).isEqualTo(pushed.commit());
            assertThat(commit.getParents()).containsExactly(baseCommit);
            assertThat(fileAt(bare, commit, PRODUCTION_PATH)).isEqualTo(PROMOTED_PRODUCTION);
            assertThat(fileAt(bare, commit, STAGING_PATH)).isEqualTo(STAGING_RC2);
            assertThat(changedPaths(bare, commit)).containsExactly(PRODUCTION_PATH);
            assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo(DAVE.email());
            assertThat(commit.getFullMessage()).isEqualTo("""
                            Promote staging-us-east-2 to production-us-east-2: product1 1.9.0-rc2

                            Promotes staging-us-east-2 into production-us-east-2 (releases/production-us-east-2.yaml).

                            product1: changed 1.9.0-rc1 -> 1.9.0-rc2
                            - product1/deploy/resources: changed gitCommit 3e1bfbd23a38 -> 4f545ec8f09c
                            - product1/deploy/apigw-main: changed gitCommit 2617569ff9c1 -> d3398bdb6dff
                            - product1/image/product1/microservice-2: changed sourceTag dev_401 -> dev_456

                            Release-Id: %s
                            Approved-by: alice
                            Approved-by: Bob Builder <bob@example.com>
                            """.formatted(releaseId));
            assertThat(commit.getFooterLines("Release-Id")).containsExactly(releaseId);
            assertThat(commitAt(bare, "refs/heads/main")).isEqualTo(baseCommit);
        }
    }

    @Test
    void preparesADiffWithoutWritingAnything() throws IOException {
        try (ManifestRepository manifests = openRemote()) {
            PreparedPromotion prepared = new Promoter(manifests).prepare(STAGING_TO_PRODUCTION);

            assertThat(prepared.base()).isEqualTo("main");
            assertThat(prepared.baseCommit()).isEqualTo(baseCommit.name());
            assertThat(prepared.diff())
                    .startsWith(
                            "--- a/releases/production-us-east-2.yaml\n+++ b/releases/production-us-east-2.yaml\n@@ -6,7 +6,7 @@")
                    .contains("-    releaseCandidate: 1\n+    releaseCandidate: 2\n")
                    .contains("-        sourceTag: dev_401\n+        sourceTag: dev_456\n");
        }
        try (Repository bare = bare()) {
            assertThat(bare.getRefDatabase().getRefsByPrefix(Constants.R_REFS))
                    .extracting(r -> r.getName())
                    .containsExactly("refs/heads/main");
        }
    }

    @Test
    void refusesProtectedBranchesUnlessAllowedAndThenFastForwardsThem() throws IOException {
        try (ManifestRepository manifests = openRemote()) {
            Promoter promoter = new Promoter(manifests);
            PreparedPromotion prepared = promoter.prepare(STAGING_TO_PRODUCTION);
            CommitOptions options = CommitOptions.defaults().by(DAVE);

            assertThatThrownBy(() -> promoter.commit(prepared, options.onBranch("main")))
                    .isInstanceOfSatisfying(ProtectedBranchException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("refusing to commit to the protected branch 'main' (it matches 'main')");
                        assertThat(e.hint()).contains("--allow-protected");
                    });
            assertThatThrownBy(() -> promoter.commit(prepared, options.onBranch("release/2026-08")))
                    .isInstanceOf(ProtectedBranchException.class)
                    .hasMessageContaining("matches 'release/*'");
            assertThatThrownBy(() -> promoter.commit(
                            prepared, options.onBranch("prod").protectedBy(new BranchProtection(List.of("prod*")))))
                    .isInstanceOf(ProtectedBranchException.class);

            CommittedPromotion committed =
                    promoter.commit(prepared, options.onBranch("main").allowingProtected(true));
            promoter.push(committed, "origin");
        }
        try (Repository bare = bare()) {
            RevCommit main = commitAt(bare, "refs/heads/main");
            assertThat(main.getParents()).containsExactly(baseCommit);
            assertThat(fileAt(bare, main, PRODUCTION_PATH)).isEqualTo(PROMOTED_PRODUCTION);
        }
    }

    @Test
    void rebasesOnceOntoABranchThatMovedMeanwhileAndPushes() throws IOException {
        try (ManifestRepository manifests = openRemote()) {
            Promoter promoter = new Promoter(manifests);
            CommittedPromotion committed = promoter.commit(
                    promoter.prepare(STAGING_TO_PRODUCTION),
                    CommitOptions.defaults().by(DAVE).onBranch("main").allowingProtected(true));
            RevCommit concurrent = pushMeanwhile(
                    "Docs", CAROL, Map.of("README.md", "# infra\n", STAGING_PATH, "# staging\n" + STAGING_RC2));

            PushedPromotion pushed = promoter.push(committed, "origin");

            assertThat(pushed.rebasedOnto()).contains(concurrent.name());
            assertThat(pushed.commit()).isNotEqualTo(committed.commit());
            try (Repository bare = bare()) {
                RevCommit main = commitAt(bare, "refs/heads/main");
                assertThat(main.name()).isEqualTo(pushed.commit());
                assertThat(main.getParents()).containsExactly(concurrent);
                assertThat(main.getFullMessage()).isEqualTo(committed.message());
                assertThat(main.getAuthorIdent().getEmailAddress()).isEqualTo(DAVE.email());
                assertThat(fileAt(bare, main, PRODUCTION_PATH)).isEqualTo(PROMOTED_PRODUCTION);
                assertThat(fileAt(bare, main, "README.md")).isEqualTo("# infra\n");
            }
        }
    }

    @Test
    void failsClearlyWhenTheBranchMovedWithAConflictingChangeToTheManifest() throws IOException {
        try (ManifestRepository manifests = openRemote()) {
            Promoter promoter = new Promoter(manifests);
            CommittedPromotion committed = promoter.commit(
                    promoter.prepare(STAGING_TO_PRODUCTION),
                    CommitOptions.defaults().by(DAVE).onBranch("main").allowingProtected(true));
            RevCommit concurrent = pushMeanwhile(
                    "Hotfix production",
                    BOB,
                    Map.of(
                            PRODUCTION_PATH,
                            Fixtures.replaceOnce(PRODUCTION, "releaseCandidate: 1", "releaseCandidate: 3")));

            assertThatThrownBy(() -> promoter.push(committed, "origin"))
                    .isInstanceOfSatisfying(PushRejectedException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("the branch main on the remote has changes to " + PRODUCTION_PATH
                                        + " that conflict with this promotion");
                        assertThat(e.hint()).contains("run promote again");
                    });
            try (Repository bare = bare()) {
                assertThat(commitAt(bare, "refs/heads/main")).isEqualTo(concurrent);
            }
        }
    }

    @Test
    void refusesARebaseThatWouldChangeThePromotedRelease() {
        try (ManifestRepository manifests = openRemote()) {
            Promoter promoter = new Promoter(manifests);
            CommittedPromotion committed = promoter.commit(
                    promoter.prepare(STAGING_TO_PRODUCTION),
                    CommitOptions.defaults().by(DAVE).onBranch("main").allowingProtected(true));
            pushMeanwhile(
                    "Retag microservice-3",
                    BOB,
                    Map.of(PRODUCTION_PATH, Fixtures.replaceOnce(PRODUCTION, "dev_789", "dev_790")));

            assertThatThrownBy(() -> promoter.push(committed, "origin"))
                    .isInstanceOf(PushRejectedException.class)
                    .hasMessageContaining("would then declare release");
        }
    }

    @Test
    void commitsInALocalCloneWithoutTouchingItsWorkingTreeAndPushesToItsOrigin() throws Exception {
        Path clone = temp.resolve("clone");
        Git.cloneRepository()
                .setURI(remote.toUri().toString())
                .setDirectory(clone.toFile())
                .call()
                .close();
        try (ManifestRepository manifests =
                ManifestRepository.open(RepositoryLocation.local(clone), GitAccess.anonymous(temp.resolve("cache")))) {
            Promoter promoter = new Promoter(manifests);
            PreparedPromotion prepared = promoter.prepare(STAGING_TO_PRODUCTION);
            assertThatThrownBy(() -> promoter.commit(
                            prepared,
                            CommitOptions.defaults().by(DAVE).onBranch("main").allowingProtected(true)))
                    .isInstanceOf(PromotionNotPossibleException.class)
                    .hasMessageContaining("is checked out in");

            CommittedPromotion committed =
                    promoter.commit(prepared, CommitOptions.defaults().by(DAVE).onBranch("promote/prod"));
            assertThat(committed.localRef()).isEqualTo("refs/heads/promote/prod");
            assertThat(Files.readString(clone.resolve(PRODUCTION_PATH))).isEqualTo(PRODUCTION);
            assertThat(manifests.repository().getBranch()).isEqualTo("main");

            PushedPromotion pushed = promoter.push(committed, "origin");
            assertThat(pushed.remote()).isEqualTo(remote.toUri().toString());
        }
        try (Repository bare = bare()) {
            assertThat(fileAt(bare, commitAt(bare, "refs/heads/promote/prod"), PRODUCTION_PATH))
                    .isEqualTo(PROMOTED_PRODUCTION);
        }
    }

    @Test
    void keepsTheByteOrderMarkAndTheFileModeOfTheManifest() throws IOException {
        try (TestRepository work = TestRepository.init(temp.resolve("bom"))) {
            work.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC2, PRODUCTION_PATH, "\uFEFF" + PRODUCTION));
            Files.setPosixFilePermissions(
                    temp.resolve("bom").resolve(PRODUCTION_PATH), PosixFilePermissions.fromString("rwxr-xr-x"));
            work.git().add().addFilepattern(PRODUCTION_PATH).call();
            work.commit("Make it executable, for no good reason", ALICE, Map.of());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        try (ManifestRepository manifests = ManifestRepository.open(
                RepositoryLocation.local(temp.resolve("bom")), GitAccess.anonymous(temp.resolve("cache")))) {
            Promoter promoter = new Promoter(manifests);
            CommittedPromotion committed = promoter.commit(
                    promoter.prepare(STAGING_TO_PRODUCTION),
                    CommitOptions.defaults().by(DAVE).onBranch("promote"));
            Repository repository = manifests.repository();
            RevCommit commit = commitAt(repository, committed.localRef());
            try (TreeWalk walk = TreeWalk.forPath(repository, PRODUCTION_PATH, commit.getTree())) {
                assertThat(walk.getFileMode(0)).isEqualTo(FileMode.EXECUTABLE_FILE);
                byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + PROMOTED_PRODUCTION);
            }
        }
    }

    /** Another person's commit on main, pushed to the remote while a promotion is in flight. */
    private RevCommit pushMeanwhile(String message, Identity who, Map<String, String> files) {
        Path other = temp.resolve("other-" + System.nanoTime());
        try (Git cloned = Git.cloneRepository()
                .setURI(remote.toUri().toString())
                .setDirectory(other.toFile())
                .call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.createDirectories(other.resolve(file.getKey()).getParent());
                Files.writeString(other.resolve(file.getKey()), file.getValue());
                cloned.add().addFilepattern(file.getKey()).call();
            }
            RevCommit commit = cloned.commit()
                    .setMessage(message)
                    .setAuthor(TestRepository.person(who))
                    .setCommitter(TestRepository.person(who))
                    .setSign(false)
                    .call();
            cloned.push().call();
            return commit;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Repository bare() throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(remote.toFile())
                .setMustExist(true)
                .build();
    }

    private static RevCommit commitAt(Repository repository, String ref) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.exactRef(ref).getObjectId();
            return walk.parseCommit(id);
        }
    }

    private static String fileAt(Repository repository, RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            return new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> changedPaths(Repository repository, RevCommit commit) throws IOException {
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk trees = new TreeWalk(repository)) {
            RevCommit parent = walk.parseCommit(commit.getParent(0));
            trees.setRecursive(true);
            trees.addTree(parent.getTree());
            trees.addTree(commit.getTree());
            return DiffEntry.scan(trees).stream().map(DiffEntry::getNewPath).toList();
        }
    }
}
