package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.NOVEMBER;
import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.OCTOBER;
import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.PRODUCTION;
import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.PRODUCTION_PATH;
import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.portalCommit;
import static io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleasesTest.production;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredReleasesCacheTest {

    @TempDir
    Path temp;

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final List<String> warnings = new ArrayList<>();

    private DeclaredReleasesCache cache(String url, Optional<String> branch) {
        return new DeclaredReleasesCache(
                RepositoryLocation.parse(url),
                () -> GitAccess.anonymous(temp.resolve("cache")),
                ManifestPathPattern.DEFAULT,
                branch,
                DeclaredReleasesCache.DEFAULT_MAX_AGE,
                clock,
                warnings::add);
    }

    @Test
    void asksGitAtMostOncePerMaxAgeAndReadsTheNewTipAfterIt() {
        Path bare = temp.resolve("infra.git");
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.pushTo(bare);
            DeclaredReleasesCache cache = cache(bare.toUri().toString(), Optional.empty());

            DeclaredReleases first = cache.current();
            assertThat(first.of(PRODUCTION).map(GitDeclaredReleasesTest::portalCommit))
                    .contains(OCTOBER);
            assertThat(first.of(PRODUCTION).orElseThrow().source())
                    .as("the remote's HEAD branch names it")
                    .isEqualTo("main:" + PRODUCTION_PATH);

            repo.commit("production: November", BOB, Map.of(PRODUCTION_PATH, production(NOVEMBER)));
            repo.pushTo(bare);
            clock.advance(Duration.ofSeconds(59));
            assertThat(portalCommit(cache.current().of(PRODUCTION).orElseThrow()))
                    .as("within a minute, what was fetched")
                    .isEqualTo(OCTOBER);
            assertThat(portalCommit(first.of(PRODUCTION).orElseThrow()))
                    .as("a board already being drawn keeps its commit")
                    .isEqualTo(OCTOBER);

            clock.advance(Duration.ofSeconds(1));
            assertThat(portalCommit(cache.current().of(PRODUCTION).orElseThrow()))
                    .as("a minute later, git is asked again")
                    .isEqualTo(NOVEMBER);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsTheConfiguredBranchAndNothingForAnEnvironmentWithoutAManifest() {
        Path bare = temp.resolve("infra.git");
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.branch("release");
            repo.commit("production: November", BOB, Map.of(PRODUCTION_PATH, production(NOVEMBER)));
            repo.pushTo(bare);
        }
        DeclaredReleasesCache cache = cache(bare.toUri().toString(), Optional.of("release"));

        DeclaredReleases declared = cache.current();

        assertThat(portalCommit(declared.of(PRODUCTION).orElseThrow())).isEqualTo(OCTOBER);
        assertThat(declared.of(PRODUCTION).orElseThrow().source()).isEqualTo("release:" + PRODUCTION_PATH);
        assertThat(declared.of("staging-us-east-2")).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void anUnreachableRepositoryDeclaresNothingIsToldOnceAndIsTriedAgainAMinuteLater() {
        Path bare = temp.resolve("later.git");
        DeclaredReleasesCache cache = cache(bare.toUri().toString(), Optional.empty());

        assertThat(cache.current().of(PRODUCTION)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.current().of(PRODUCTION)).isEmpty();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("cannot read the release manifests in " + bare.toUri())
                .endsWith("; no environment shows git drift until it can be read again");

        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.pushTo(bare);
        }
        assertThat(cache.current().of(PRODUCTION))
                .as("not before a minute has passed")
                .isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.current().of(PRODUCTION).map(GitDeclaredReleasesTest::portalCommit))
                .contains(OCTOBER);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void fetchNowSaysTheBranchAndCommitOrWhyNot() {
        Path bare = temp.resolve("infra.git");
        RevCommit october;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            october = repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.pushTo(bare);
        }

        assertThat(cache(bare.toUri().toString(), Optional.empty()).fetchNow())
                .isEqualTo(new DeclaredReleasesCache.Fetched("main", october.name()));
        assertThatThrownBy(() ->
                        cache(bare.toUri().toString(), Optional.of("nope")).fetchNow())
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> cache(temp.resolve("missing.git").toUri().toString(), Optional.empty())
                        .fetchNow())
                .isInstanceOf(GitOpsException.class);
        assertThat(warnings).isEmpty();
    }

    @Test
    void refusesABranchThatIsNoBranchName() {
        assertThat(DeclaredReleasesCache.branchProblem("release/2026")).isEmpty();
        assertThat(DeclaredReleasesCache.branchProblem("main\nevil")).contains("'main?evil' is not a branch name");
        assertThat(DeclaredReleasesCache.branchProblem("../main")).isPresent();
        assertThatThrownBy(() -> cache("file:///nowhere.git", Optional.of("a b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'a b' is not a branch name");
    }

    @Test
    void aLocalRepositoryIsReadInPlace() {
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
        }
        DeclaredReleasesCache cache = cache(temp.resolve("infra").toString(), Optional.empty());

        assertThat(cache.current().of(PRODUCTION).map(GitDeclaredReleasesTest::portalCommit))
                .contains(OCTOBER);
    }

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
