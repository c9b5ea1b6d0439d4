package io.jenkins.plugins.releasetrain.gitops;

import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.PRODUCTION_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_PATH;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_RC1;
import static io.jenkins.plugins.releasetrain.gitops.ManifestRepositoryTest.STAGING_RC2;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.ALICE;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.BOB;
import static io.jenkins.plugins.releasetrain.gitops.TestRepository.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch and push over real network transports: git's smart HTTP server on 127.0.0.1, and ssh. */
class NetworkTransportTest {

    private static final String USER = "deployer";
    private static final String TOKEN = "s3cret-T0ken-value";

    @TempDir
    Path temp;

    private Path git;
    private GitHttpServer server;

    @BeforeEach
    void serveTheInfrastructureRepository() throws IOException {
        git = RequiredTool.GIT.require();
        try (TestRepository work = TestRepository.init(temp.resolve("work"))) {
            work.commit("Add", ALICE, Map.of(STAGING_PATH, STAGING_RC1, PRODUCTION_PATH, PRODUCTION));
            work.tag("v1");
            work.commit("staging: rc2", BOB, Map.of(STAGING_PATH, STAGING_RC2));
            work.pushTo(temp.resolve("served/infra.git"));
        }
        server = GitHttpServer.start(git, temp.resolve("served"), USER, TOKEN);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private GitAccess accessWithToken(String token) {
        return new GitAccess(
                new CredentialsReference(USER, "GIT_TOKEN", null, null, null),
                name -> name.equals("GIT_TOKEN") ? token : null,
                temp.resolve("cache"),
                Duration.ofSeconds(30));
    }

    @Test
    void readsAndPromotesOverSmartHttpWithATokenFromAnEnvironmentVariable() throws IOException {
        RepositoryLocation location = RepositoryLocation.parse(server.url("infra.git"));
        try (ManifestRepository manifests = ManifestRepository.open(location, accessWithToken(TOKEN))) {
            assertThat(manifests
                            .read("v1", STAGING_PATH)
                            .release()
                            .product("product1")
                            .orElseThrow()
                            .displayVersion())
                    .isEqualTo("1.9.0-rc1");
            assertThat(manifests
                            .authorship(STAGING_PATH, Optional.of("v1"), "main")
                            .people())
                    .containsExactly(BOB);

            Promoter promoter = new Promoter(manifests);
            CommittedPromotion committed = promoter.commit(
                    promoter.prepare(PromotionRequest.of("staging-us-east-2", "production-us-east-2")),
                    CommitOptions.defaults().by(DAVE).onBranch("promote/production"));
            PushedPromotion pushed = promoter.push(committed, "origin");
            assertThat(pushed.remote()).isEqualTo(server.url("infra.git"));
        }
        try (Repository served = new FileRepositoryBuilder()
                .setGitDir(temp.resolve("served/infra.git").toFile())
                .setMustExist(true)
                .build()) {
            assertThat(served.exactRef("refs/heads/promote/production")).isNotNull();
        }
        assertThat(server.unauthorizedRequests()).isPositive();
    }

    @Test
    void acceptsCredentialsWrittenIntoTheUrlButNeverShowsThem() {
        RepositoryLocation inUrl = RepositoryLocation.parse(
                server.url("infra.git").replace("http://", "http://" + USER + ":" + TOKEN + "@"));
        try (ManifestRepository manifests =
                ManifestRepository.open(inUrl, GitAccess.anonymous(temp.resolve("cache")))) {
            ManifestAtRevision manifest = manifests.read("main", STAGING_PATH);
            assertThat(manifest.repository()).isEqualTo(inUrl.display()).doesNotContain(TOKEN);
            assertThat(manifest.manifest().sourceName()).doesNotContain(TOKEN);
        }
    }

    @Test
    void failsWithoutShowingTheSecretWhenTheServerRefusesTheCredentials() {
        RepositoryLocation inUrl = RepositoryLocation.parse(
                server.url("infra.git").replace("http://", "http://" + USER + ":wrong-Passw0rd-here@"));
        assertThat(inUrl.display()).contains(USER + ":****@").doesNotContain("wrong-Passw0rd-here");
        try (ManifestRepository manifests =
                ManifestRepository.open(inUrl, GitAccess.anonymous(temp.resolve("cache")))) {
            assertThatThrownBy(() -> manifests.read("main", STAGING_PATH))
                    .isInstanceOfSatisfying(RepositoryAccessException.class, e -> {
                        assertThat(e.describe())
                                .doesNotContain("wrong-Passw0rd-here")
                                .contains(USER + ":****@");
                        assertThat(e.hint()).contains("--password-env");
                        assertThat(e.getCause()).isNull();
                    });
        }
        try (ManifestRepository manifests = ManifestRepository.open(
                RepositoryLocation.parse(server.url("infra.git")), accessWithToken("wrong-T0ken-value"))) {
            assertThatThrownBy(() -> manifests.read("main", STAGING_PATH))
                    .isInstanceOfSatisfying(
                            RepositoryAccessException.class,
                            e -> assertThat(e.describe())
                                    .startsWith("cannot list the branches of " + server.url("infra.git"))
                                    .doesNotContain("wrong-T0ken-value"));
        }
    }

    @Test
    void readsOverSshThroughTheOpenSshClientWithTheGivenKey() throws IOException {
        // A stand-in for the OpenSSH client: records its arguments and runs the remote git command here.
        Path ssh = temp.resolve("fake-ssh");
        Files.writeString(ssh, """
                #!/bin/sh
                printf '%s\\n' "$@" > "$0.args"
                for last; do :; done
                exec sh -c "$last"
                """);
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Path key = temp.resolve("deploy_key");
        Files.writeString(key, "not a real key: the stand-in never reads it\n");
        GitAccess access = new GitAccess(
                new CredentialsReference(null, null, null, key, ssh.toString()),
                name -> null,
                temp.resolve("cache"),
                Duration.ofSeconds(30));
        RepositoryLocation location =
                RepositoryLocation.parse("ssh://git@git.example.invalid:2222" + temp.resolve("served/infra.git"));

        try (ManifestRepository manifests = ManifestRepository.open(location, access)) {
            assertThat(manifests
                            .read("main", STAGING_PATH)
                            .release()
                            .product("product1")
                            .orElseThrow()
                            .displayVersion())
                    .isEqualTo("1.9.0-rc2");
        }
        List<String> args = Files.readAllLines(temp.resolve("fake-ssh.args"));
        assertThat(args).containsSubsequence("-o", "BatchMode=yes");
        assertThat(args).containsSubsequence("-i", key.toString(), "-o", "IdentitiesOnly=yes");
        assertThat(args).containsSubsequence("-p", "2222", "git@git.example.invalid");
        assertThat(args.get(args.size() - 1)).startsWith("git-upload-pack '").endsWith("/served/infra.git'");
        assertThat(git).exists();
    }
}
