package io.jenkins.plugins.releasetrain.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.gitops.CredentialsReference;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changelogs read from real git repositories, through the cache as from a remote (file:// URLs). */
class ChangelogsTest {

    @TempDir
    Path temp;

    private Path remotes;
    private TestRepository portal;
    private RevCommit first;

    @BeforeEach
    void history() {
        remotes = temp.resolve("remotes");
        portal = TestRepository.init(temp.resolve("work/public-portal"));
        first = portal.commit("Initial portal", TestRepository.ALICE, Map.of("a.txt", "1"));
    }

    @Test
    void listsTheCommitsBetweenLiveAndReleaseWithPullRequestsAndIssueKeys() {
        portal.branch("feature");
        portal.checkout("feature");
        portal.commit("PORTAL-12 redirect after login", TestRepository.BOB, Map.of("b.txt", "1"));
        portal.checkout("main");
        RevCommit merge = portal.merge("feature", TestRepository.DAVE, "Merge pull request #123 from acme/feature");
        RevCommit squashed = portal.commit("Fix the footer (#124)", TestRepository.CAROL, Map.of("c.txt", "1"));
        RevCommit last =
                portal.commit("Bump version\n\nRefs OPS-7 and PORTAL-12", TestRepository.ALICE, Map.of("d.txt", "2"));
        portal.pushTo(remotes.resolve("public-portal.git"));

        ReleaseChangelog changelog =
                changelogs(ChangelogOptions.defaults().withLimit(3)).of(plan(first.name(), last.name()));

        ArtifactChangelog entry = changelog.artifact("product1/deploy/portal").orElseThrow();
        assertThat(entry.relation()).contains(Relation.FORWARD);
        assertThat(entry.summary()).isEqualTo("4 commits");
        assertThat(entry.added().commits())
                .extracting(Commit::sha)
                .containsExactly(last.name(), squashed.name(), merge.name());
        assertThat(entry.added().more()).isEqualTo(1);
        assertThat(entry.added().commits().get(0).issueKeys()).containsExactly("OPS-7", "PORTAL-12");
        assertThat(entry.added().commits().get(1).pullRequest()).isEqualTo(OptionalInt.of(124));
        assertThat(entry.added().commits().get(1).author()).isEqualTo("Carol Committer");
        assertThat(entry.added().commits().get(2).pullRequest()).isEqualTo(OptionalInt.of(123));
        assertThat(entry.dropped().isEmpty()).isTrue();
        assertThat(entry.repository()).hasValueSatisfying(r -> assertThat(r).endsWith("public-portal.git"));
        assertThat(Files.isDirectory(temp.resolve("cache")))
                .as("read through the cache")
                .isTrue();
    }

    @Test
    void saysWhenTheReleaseRollsBackOrDivergesOrHasNoCommonHistory() throws Exception {
        RevCommit second = portal.commit("Second", TestRepository.BOB, Map.of("a.txt", "2"));
        RevCommit third = portal.commit("Third", TestRepository.BOB, Map.of("a.txt", "3"));
        portal.branch("hotfix");
        portal.checkout("hotfix");
        RevCommit hotfix = portal.commit("Hotfix only in production", TestRepository.CAROL, Map.of("h.txt", "1"));
        portal.checkout("main");
        RevCommit fourth = portal.commit("Fourth", TestRepository.BOB, Map.of("a.txt", "4"));
        portal.git().checkout().setOrphan(true).setName("rewritten").call();
        RevCommit orphan = portal.commit("Rewritten history", TestRepository.ALICE, Map.of("o.txt", "1"));
        portal.pushTo(remotes.resolve("public-portal.git"));
        Changelogs changelogs = changelogs(ChangelogOptions.defaults());

        ArtifactChangelog back =
                changelogs.of(plan(third.name(), first.name())).artifacts().get(0);
        assertThat(back.relation()).contains(Relation.BEHIND);
        assertThat(back.summary()).isEqualTo("rolls back 2 commits");
        assertThat(back.dropped().commits()).extracting(Commit::sha).containsExactly(third.name(), second.name());

        ArtifactChangelog diverged =
                changelogs.of(plan(hotfix.name(), fourth.name())).artifacts().get(0);
        assertThat(diverged.relation()).contains(Relation.DIVERGED);
        assertThat(diverged.summary()).isEqualTo("1 commit, and drops 1 commit live now");
        assertThat(diverged.dropped().commits())
                .extracting(Commit::subject)
                .containsExactly("Hotfix only in production");

        ArtifactChangelog unrelated =
                changelogs.of(plan(third.name(), orphan.name())).artifacts().get(0);
        assertThat(unrelated.relation()).contains(Relation.UNRELATED);
        assertThat(unrelated.summary()).contains("no common history");
    }

    @Test
    void aMissingLocationOrAnUnreachableRepositoryLeavesANoteAndThePlanGoesOn() {
        RevCommit next = portal.commit("Next", TestRepository.BOB, Map.of("a.txt", "2"));
        ReleasePlan plan = plan(first.name(), next.name());

        ArtifactChangelog unconfigured = new Changelogs(
                        RepositoryLocator.none(),
                        access(),
                        ChangelogOptions.defaults(),
                        ImageOrigins.NONE,
                        Clock.systemUTC())
                .of(plan)
                .artifacts()
                .get(0);
        assertThat(unconfigured.relation()).isEmpty();
        assertThat(unconfigured.summary()).isEqualTo("no repository location configured for public-portal");

        // Nothing was pushed to remotes/: the file:// URL names no repository.
        ArtifactChangelog unreachable =
                changelogs(ChangelogOptions.defaults()).of(plan).artifacts().get(0);
        assertThat(unreachable.relation()).isEmpty();
        assertThat(unreachable.summary()).startsWith("changelog unavailable: ").contains("public-portal.git");
    }

    @Test
    void aRepositoryLargerThanTheCacheMayHoldIsRefusedAndItsCacheRemoved() throws Exception {
        // Random text does not compress: the pushed history is some 32 KiB.
        byte[] noise = new byte[32 * 1024];
        new java.util.Random(7).nextBytes(noise);
        RevCommit next = portal.commit(
                "Next",
                TestRepository.BOB,
                Map.of("big.txt", java.util.HexFormat.of().formatHex(noise)));
        portal.pushTo(remotes.resolve("public-portal.git"));
        Changelogs bounded = new Changelogs(
                locator(),
                access().withMaxCacheBytes(16 * 1024),
                ChangelogOptions.defaults(),
                ImageOrigins.NONE,
                Clock.systemUTC());

        ArtifactChangelog entry =
                bounded.of(plan(first.name(), next.name())).artifacts().get(0);

        assertThat(entry.summary())
                .startsWith("changelog unavailable: the history of ")
                .contains("more than the 16 KiB a repository's cache may hold");
        try (java.util.stream.Stream<Path> caches = Files.list(temp.resolve("cache"))) {
            assertThat(caches).as("the oversized cache is gone").isEmpty();
        }
    }

    @Test
    void anUnreachableRepositoryIsNotAskedAgainForAWhile() throws Exception {
        RevCommit next = portal.commit("Next", TestRepository.BOB, Map.of("a.txt", "2"));
        // The directory exists, so that the template's URL ends in a slash as it does once something is pushed.
        Files.createDirectories(remotes);
        Instant[] now = {Instant.parse("2026-12-04T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Changelogs changelogs =
                new Changelogs(locator(), access(), ChangelogOptions.defaults(), ImageOrigins.NONE, clock);

        String missing = changelogs
                .of(plan(first.name(), next.name()))
                .artifacts()
                .get(0)
                .summary();
        portal.pushTo(remotes.resolve("public-portal.git"));
        now[0] = now[0].plus(Duration.ofMinutes(1));
        String soonAfter = changelogs
                .of(plan(first.name(), next.name()))
                .artifacts()
                .get(0)
                .summary();
        now[0] = now[0].plus(Changelogs.RETRY_AFTER);
        String later = changelogs
                .of(plan(first.name(), next.name()))
                .artifacts()
                .get(0)
                .summary();

        assertThat(missing).startsWith("changelog unavailable: ");
        assertThat(soonAfter).as("not asked again within the retry period").isEqualTo(missing);
        assertThat(later).as("asked again after it").isEqualTo("1 commit");
    }

    @Test
    void aCommitTheRepositoryLacksIsNamedInTheNote() {
        portal.pushTo(remotes.resolve("public-portal.git"));
        String unknown = "9c1d7e3f5a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

        ArtifactChangelog entry = changelogs(ChangelogOptions.defaults())
                .of(plan(first.name(), unknown))
                .artifacts()
                .get(0);

        assertThat(entry.relation()).isEmpty();
        assertThat(entry.summary()).startsWith("changelog unavailable: ").contains("9c1d7e3f5a2b");
    }

    @Test
    void aFirstDeploymentHasNothingToCompareWith() {
        portal.pushTo(remotes.resolve("public-portal.git"));
        Release release = release(first.name());

        ArtifactChangelog entry = changelogs(ChangelogOptions.defaults())
                .of(ReleasePlan.of(release, Optional.empty()))
                .artifacts()
                .get(0);

        assertThat(entry.summary()).isEqualTo("first deployment here: nothing to compare with");
        assertThat(entry.to()).contains(first.name());
    }

    @Test
    void controlCharactersInCommitSubjectsAndAuthorsAreShownEscaped() {
        RevCommit next = portal.commit(
                "Innocent\u001b[2J\u202e subject",
                new io.jenkins.plugins.releasetrain.gitops.Identity("Eve\u202e", "e@x"),
                Map.of("a.txt", "2"));
        portal.pushTo(remotes.resolve("public-portal.git"));

        Commit commit = changelogs(ChangelogOptions.defaults())
                .of(plan(first.name(), next.name()))
                .artifacts()
                .get(0)
                .added()
                .commits()
                .get(0);

        assertThat(commit.subject()).isEqualTo("Innocent\\u001b[2J\\u202e subject");
        assertThat(commit.author()).isEqualTo("Eve\\u202e");
    }

    @Test
    void artifactsNotReachedWithinTheBudgetSaySo() {
        RevCommit next = portal.commit("Next", TestRepository.BOB, Map.of("a.txt", "2"));
        portal.pushTo(remotes.resolve("public-portal.git"));
        Clock stopped = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        Clock late = new Clock() {
            private int calls;

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                // The budget is set at the first reading; every later one is past it.
                return stopped.instant().plus(Duration.ofHours(calls++ == 0 ? 0 : 1));
            }
        };

        ArtifactChangelog entry = new Changelogs(
                        locator(), access(), ChangelogOptions.defaults(), ImageOrigins.NONE, late)
                .of(plan(first.name(), next.name()))
                .artifacts()
                .get(0);

        assertThat(entry.summary()).isEqualTo("changelog skipped: reading repositories took longer than 120 s");
    }

    private Changelogs changelogs(ChangelogOptions options) {
        return new Changelogs(locator(), access(), options, ImageOrigins.NONE, Clock.systemUTC());
    }

    private RepositoryLocator locator() {
        return new RepositoryLocator(Optional.of(remotes.toUri() + "{gitRepoName}.git"), Map.of());
    }

    private GitAccess access() {
        return new GitAccess(
                new CredentialsReference(null, null, null, null, null),
                name -> null,
                temp.resolve("cache"),
                Duration.ofSeconds(30));
    }

    private static ReleasePlan plan(String live, String next) {
        return ReleasePlan.of(release(next), Optional.of(release(live)));
    }

    static Release release(String portalCommit) {
        return new ManifestLoader()
                .load("prod.yaml", Fixtures.productionManifest(Fixtures.portalDeployment(portalCommit)))
                .release();
    }
}
