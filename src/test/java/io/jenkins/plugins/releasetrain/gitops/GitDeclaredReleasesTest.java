package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDeclaredReleasesTest {

    static final String PRODUCTION = "production-us-east-2";
    static final String PRODUCTION_PATH = "releases/production-us-east-2.yaml";
    static final String OCTOBER = "3e1bfbd23a381c770cac57e56fb08d66c00b77ee";
    static final String NOVEMBER = "b4522e8ffe7162d01bfe7637ab7412fee919d2a5";

    @TempDir
    Path temp;

    private final List<String> warnings = new ArrayList<>();

    static String production(String commit) {
        return Fixtures.productionManifest(Fixtures.portalDeployment(commit));
    }

    static String portalCommit(DeclaredReleases.Declared declared) {
        return declared.release().artifacts().get(0).version();
    }

    private ManifestRepository open(Path directory) {
        return ManifestRepository.open(RepositoryLocation.local(directory), GitAccess.anonymous(temp.resolve("cache")));
    }

    @Test
    void declaresWhatEachEnvironmentsManifestSaysAtTheTipOfTheBranch() {
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.commit("production: November", BOB, Map.of(PRODUCTION_PATH, production(NOVEMBER)));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            GitDeclaredReleases declared =
                    new GitDeclaredReleases(manifests, ManifestPathPattern.DEFAULT, "main", warnings::add);

            DeclaredReleases.Declared production = declared.of(PRODUCTION).orElseThrow();

            assertThat(production.source()).isEqualTo("main:" + PRODUCTION_PATH);
            assertThat(portalCommit(production)).isEqualTo(NOVEMBER);
            assertThat(declared.of("staging-us-east-2"))
                    .as("no manifest, nothing declared")
                    .isEmpty();
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void atACommitReadsThatCommitAndNamesTheBranch() {
        RevCommit october;
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            october = repo.commit("production: October", ALICE, Map.of(PRODUCTION_PATH, production(OCTOBER)));
            repo.commit("production: November", BOB, Map.of(PRODUCTION_PATH, production(NOVEMBER)));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            DeclaredReleases.Declared production = GitDeclaredReleases.atCommit(
                            manifests, ManifestPathPattern.DEFAULT, "main", october.name(), warnings::add)
                    .of(PRODUCTION)
                    .orElseThrow();

            assertThat(portalCommit(production)).isEqualTo(OCTOBER);
            assertThat(production.source()).isEqualTo("main:" + PRODUCTION_PATH);
        }
    }

    @Test
    void aManifestThatDoesNotLoadOrNamesAnotherEnvironmentIsNotComparedAndSaysWhy() {
        try (TestRepository repo = TestRepository.init(temp.resolve("infra"))) {
            repo.commit(
                    "broken and misplaced",
                    ALICE,
                    Map.of(
                            PRODUCTION_PATH,
                            production(OCTOBER).replace("releaseVersion:", "releaseVersoin:"),
                            "releases/staging-us-east-2.yaml",
                            production(OCTOBER)));
        }
        try (ManifestRepository manifests = open(temp.resolve("infra"))) {
            GitDeclaredReleases declared =
                    new GitDeclaredReleases(manifests, ManifestPathPattern.DEFAULT, "main", warnings::add);

            assertThat(declared.of(PRODUCTION)).isEmpty();
            assertThat(declared.of("staging-us-east-2")).isEmpty();
            assertThat(declared.of("Not An Environment")).isEmpty();

            assertThat(warnings).hasSize(3);
            assertThat(warnings.get(0)).startsWith("main:" + PRODUCTION_PATH + " cannot be compared with what runs: ");
            assertThat(warnings.get(1))
                    .isEqualTo("main:releases/staging-us-east-2.yaml declares environment '" + PRODUCTION
                            + "', not 'staging-us-east-2'; not compared");
            assertThat(warnings.get(2)).contains("is not an environment name");
        }
    }
}
