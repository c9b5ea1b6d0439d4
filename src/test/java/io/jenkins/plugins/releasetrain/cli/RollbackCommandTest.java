package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.testing.FileWait;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-train rollback}: release v1, release v2, go back, against the real docker-registry and real
 * handlers; the automatic rollback after a failed verification; the rule's say over rollbacks (own approvals,
 * freezes); continuing a rollback that failed half-way.
 */
@RequiresTools({"docker-registry"})
class RollbackCommandTest {

    private static final String ENV = "production-us-east-2";
    private static final String V1_COMMIT = "3e1bfbd23a381c770cac57e56fb08d66c00b77ee";
    private static final String V2_COMMIT = "b4522e8ffe7162d01bfe7637ab7412fee919d2a5";

    @TempDir
    static Path shared;

    static RegistryServer server;

    @TempDir
    Path dir;

    private String repository;
    private Path handlers;
    private String ledger;

    @BeforeAll
    static void startRegistry() {
        server = RegistryServer.start(shared.resolve("registry"));
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void handlersThatRememberWhatTheyDeployed() throws Exception {
        // A repository per test: the tests share the registry, not their images.
        repository = "product1/app-" + Long.toHexString(System.nanoTime());
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TestImages.pushImage(registry, repository, "dev_1", TestImages.Flavor.OCI, repository + "one");
            TestImages.pushImage(registry, repository, "dev_2", TestImages.Flavor.OCI, repository + "two");
        }
        handlers = Files.createDirectories(dir.resolve("handlers"));
        // The portal's handler keeps what is live (the commit) and a log of every deployment.
        executable(handlers.resolve("s3-upload-portal"), """
                #!/bin/sh
                here="$(dirname "$0")"
                echo "$RELEASE_GIT_COMMIT" > "$here/live"
                echo "$RELEASE_GIT_COMMIT" >> "$here/deployed.log"
                echo "deployed $RELEASE_GIT_COMMIT"
                """);
        ledger = dir.resolve("ledger").toString();
    }

    @Test
    void aRollbackRestoresTheEarlierCommitsAndTheExactDigestsEvenWhenTheTagsMovedSince() throws Exception {
        Path v1 = manifest("v1.yaml", V1_COMMIT, "dev_1");
        Path v2 = manifest("v2.yaml", V2_COMMIT, "dev_2");
        assertThat(run(v1).exit()).isZero();
        String v1Digest = destinationDigest("prod_us_1");
        assertThat(run(v2).exit()).isZero();
        String v2Digest = destinationDigest("prod_us_2");
        assertThat(v2Digest).isNotEqualTo(v1Digest);
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            // Since v1: its source tag was pushed again, and someone pointed its environment tag elsewhere.
            TestImages.pushImage(registry, repository, "dev_1", TestImages.Flavor.OCI, repository + "one, rebuilt");
            registry.putManifest(
                    ImageRef.tagged(repository, "prod_us_1"),
                    registry.manifest(ImageRef.tagged(repository, "dev_2")).orElseThrow());
        }
        assertThat(destinationDigest("prod_us_1")).isEqualTo(v2Digest);

        CliResult rollback = rollback("--actor", "erin");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("as a rollback to run").contains("moved prod_us_1 back to " + v1Digest);
        assertThat(destinationDigest("prod_us_1"))
                .as("the digest v1 had, not the rebuilt dev_1 nor where the tag was moved")
                .isEqualTo(v1Digest);
        assertThat(Files.readAllLines(handlers.resolve("deployed.log")))
                .containsExactly(V1_COMMIT, V2_COMMIT, V1_COMMIT);

        JsonNode history = CliResult.run("history", ENV, "--ledger", ledger, "--format", "json")
                .json();
        JsonNode latest = history.get("runs").get(0);
        JsonNode first = history.get("runs").get(2);
        assertThat(latest.get("status").asText()).isEqualTo("succeeded");
        assertThat(latest.get("rollback").get("to").asText())
                .isEqualTo(first.get("runId").asText());
        assertThat(latest.get("rollback").get("from").asText())
                .isEqualTo(history.get("runs").get(1).get("runId").asText());
        assertThat(latest.get("rollback").get("reason").asText()).isEqualTo("requested");
        assertThat(latest.get("releaseId").asText())
                .isEqualTo(first.get("releaseId").asText());
        assertThat(CliResult.run("history", ENV, "--ledger", ledger).out())
                .contains("succeeded, rollback to run " + first.get("runId").asText());

        CliResult state = CliResult.run("state", ENV, "--ledger", ledger);
        assertThat(state.out())
                .contains("live release: " + first.get("releaseId").asText().substring(0, 12))
                .contains("rollback to run " + first.get("runId").asText());
        JsonNode stateJson = CliResult.run("state", ENV, "--ledger", ledger, "--format", "json")
                .json();
        assertThat(stateJson.get("liveReleaseRollback").get("to").asText())
                .isEqualTo(first.get("runId").asText());

        JsonNode record =
                CliResult.run("record", ENV, "--latest", "--ledger", ledger).json();
        assertThat(record.get("rollback").get("to").asText())
                .isEqualTo(first.get("runId").asText());
        assertThat(record.get("startedBy").asText()).isEqualTo("erin");
        JsonNode image = null;
        for (JsonNode artifact : record.get("artifacts")) {
            if (artifact.get("artifactId").asText().contains("/image/")) {
                image = artifact;
            }
        }
        assertThat(image).isNotNull();
        assertThat(image.toString()).contains(v1Digest);
        assertThat(CliResult.run("record", ENV, "--latest", "--ledger", ledger, "--html")
                        .out())
                .contains("rollback to run " + first.get("runId").asText());

        JsonNode board =
                CliResult.run("board", "--ledger", ledger, "--format", "json").json();
        assertThat(board.toString())
                .contains("\"rollback\":\"rollback to run " + first.get("runId").asText());

        CliResult again = rollback("--dry-run");
        assertThat(again.exit())
                .as("rolling back twice goes further back; there is nothing before v1: " + again)
                .isEqualTo(ExitCode.INVALID);
        assertThat(again.err()).contains("nothing to roll back to");
    }

    @Test
    void aFailedVerificationRollsBackAtOnceWhenTheRuleSaysSo() throws Exception {
        // The smoke test fails whenever v2's commit is live.
        executable(handlers.resolve("verify"), """
                #!/bin/sh
                if grep -q %s "$(dirname "$0")/live"; then echo "checkout returns 500"; exit 1; fi
                echo "checkout ok"
                """.formatted(V2_COMMIT));
        String policy = policy("""
                rules:
                  - name: production
                    environments: [production-*]
                    onVerificationFailure: rollback
                """);
        assertThat(run(manifest("v1.yaml", V1_COMMIT, "dev_1"), "--policy", policy)
                        .exit())
                .isZero();

        CliResult v2 = run(manifest("v2.yaml", V2_COMMIT, "dev_2"), "--policy", policy);

        assertThat(v2.exit()).as(v2.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(v2.err()).contains("Verification failed: rule 'production' rolls " + ENV + " back to run");
        assertThat(v2.out()).contains("verification failed").contains("as a rollback to run");
        assertThat(Files.readString(handlers.resolve("live")).strip()).isEqualTo(V1_COMMIT);
        JsonNode runs = CliResult.run("history", ENV, "--ledger", ledger, "--format", "json")
                .json()
                .get("runs");
        assertThat(runs.get(0).get("rollback").get("reason").asText()).isEqualTo("verification-failed");
        assertThat(runs.get(0).get("verification").get("passed").asBoolean())
                .as("the rollback's own verification passed")
                .isTrue();
        assertThat(runs.get(1).get("verification").get("passed").asBoolean()).isFalse();
        assertThat(runs.get(0).get("rollback").get("to").asText())
                .isEqualTo(runs.get(2).get("runId").asText());
    }

    @Test
    void withoutTheRuleAFailedVerificationStaysWhereItIs() throws Exception {
        executable(handlers.resolve("verify"), "#!/bin/sh\nexit 1\n");
        assertThat(run(manifest("v1.yaml", V1_COMMIT, "dev_1")).exit()).isEqualTo(ExitCode.FAILED);
        assertThat(run(manifest("v2.yaml", V2_COMMIT, "dev_2")).exit()).isEqualTo(ExitCode.FAILED);

        assertThat(Files.readString(handlers.resolve("live")).strip()).isEqualTo(V2_COMMIT);
        assertThat(CliResult.run("history", ENV, "--ledger", ledger, "--format", "json")
                        .json()
                        .get("runs"))
                .hasSize(2);
    }

    @Test
    void aRollbackDuringAFreezeIsRefusedWithoutTheEmergencyOverride() throws Exception {
        assertThat(run(manifest("v1.yaml", V1_COMMIT, "dev_1")).exit()).isZero();
        assertThat(run(manifest("v2.yaml", V2_COMMIT, "dev_2")).exit()).isZero();
        String policy = policy("""
                rules:
                  - name: production
                    environments: [production-*]
                    freezeWindows:
                      - name: all of 2026 and 2027
                        start: 2026-01-01T00:00
                        end: 2027-12-31T23:59
                        timeZone: UTC
                """);

        CliResult refused = rollback("--policy", policy);

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(refused.err()).contains("frozen: nothing ran");
        assertThat(Files.readAllLines(handlers.resolve("deployed.log"))).containsExactly(V1_COMMIT, V2_COMMIT);
    }

    @Test
    void aRollbackNeedsApprovalsOfItsOwnNotThoseItsContentHadBefore() throws Exception {
        String policy = policy("""
                rules:
                  - name: production
                    environments: [production-*]
                    approvers:
                      users: [alice, bob, carol, dave]
                    requiredApprovals: 2
                    rollback:
                      requiredApprovals: 1
                """);
        Path v1 = manifest("v1.yaml", V1_COMMIT, "dev_1");
        approve(policy, "bob", v1.toString());
        approve(policy, "carol", v1.toString());
        assertThat(run(v1, "--policy", policy, "--actor", "alice").exit()).isZero();
        Path v2 = manifest("v2.yaml", V2_COMMIT, "dev_2");
        approve(policy, "bob", v2.toString());
        approve(policy, "carol", v2.toString());
        assertThat(run(v2, "--policy", policy, "--actor", "alice").exit()).isZero();
        // From now on production takes only what succeeded in staging first; a rollback is not held to that.
        policy = policy(Files.readString(Path.of(policy)) + "    requires: [staging-*]\n");

        CliResult waiting = rollback("--policy", policy, "--actor", "alice");

        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(waiting.out() + waiting.err()).contains("It needs 1 approval (1 required)");
        CliResult alicesOwn = approveRollback(policy, "alice");
        assertThat(alicesOwn.exit()).as(alicesOwn.toString()).isZero();
        CliResult stillWaiting = rollback("--policy", policy, "--actor", "alice");
        assertThat(stillWaiting.exit())
                .as("whoever starts the rollback cannot approve it: " + stillWaiting)
                .isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(stillWaiting.out()).contains("not by alice (started this release)");
        assertThat(approveRollback(policy, "dave").exit()).isZero();

        CliResult rolledBack = rollback("--policy", policy, "--actor", "alice");

        assertThat(rolledBack.exit()).as(rolledBack.toString()).isZero();
        assertThat(rolledBack.out())
                .contains("approved by dave (1 of 1 required for a rollback)")
                .contains("no promotion order applies");
        JsonNode record =
                CliResult.run("record", ENV, "--latest", "--ledger", ledger).json();
        List<String> approvers = new ArrayList<>();
        record.get("approvals").forEach(a -> approvers.add(a.get("actor").asText()));
        assertThat(approvers).as("the approvals given for the rollback only").containsExactly("alice", "dave");
    }

    @Test
    void aRollbackThatFailedHalfWayIsContinuedWithResume() throws Exception {
        assertThat(run(manifest("v1.yaml", V1_COMMIT, "dev_1")).exit()).isZero();
        assertThat(run(manifest("v2.yaml", V2_COMMIT, "dev_2")).exit()).isZero();
        Path handler = handlers.resolve("s3-upload-portal");
        String working = Files.readString(handler);
        executable(handler, "#!/bin/sh\necho 'bucket unreachable'\nexit 1\n");

        CliResult failed = rollback();

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(destinationDigest("prod_us_1"))
                .as("the image went back already")
                .isNotNull();
        executable(handler, working);
        CliResult resumed = rollback("--resume");

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Files.readString(handlers.resolve("live")).strip()).isEqualTo(V1_COMMIT);
        JsonNode runs = CliResult.run("history", ENV, "--ledger", ledger, "--format", "json")
                .json()
                .get("runs");
        assertThat(runs.get(0).get("rollback").get("to").asText())
                .isEqualTo(runs.get(1).get("rollback").get("to").asText());
        assertThat(runs.get(0).get("results").toString())
                .as("the image, already back, is not tagged again")
                .contains("succeeded in run " + runs.get(1).get("runId").asText());
        assertThat(rollback("--resume").err()).contains("already succeeded");
    }

    @Test
    void aRollbackKilledMidwayIsContinuedWithResume() throws Exception {
        assertThat(run(manifest("v1.yaml", V1_COMMIT, "dev_1")).exit()).isZero();
        assertThat(run(manifest("v2.yaml", V2_COMMIT, "dev_2")).exit()).isZero();
        Path handler = handlers.resolve("s3-upload-portal");
        String working = Files.readString(handler);
        Path started = dir.resolve("started");
        executable(handler, "#!/bin/sh\necho \"$RELEASE_GIT_COMMIT\" >> '" + started + "'\nexec sleep 120\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReleaseTrainCli.class.getName()));
        command.addAll(List.of(
                "rollback",
                ENV,
                "--ledger",
                ledger,
                "--handlers",
                handlers.toString(),
                "--registry",
                server.reference(),
                "--insecure"));
        Process rollback = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rollback.out").toFile())
                .start();
        try {
            assertThat(FileWait.awaitLines(started, 1, Duration.ofSeconds(60))).containsExactly(V1_COMMIT);
            rollback.destroyForcibly(); // kill -9, mid-rollback
            assertThat(rollback.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            rollback.descendants().forEach(ProcessHandle::destroyForcibly);
            rollback.destroyForcibly();
        }
        ReleaseRun killed = Ledger.open(Path.of(ledger)).read(ENV).latestRun().orElseThrow();
        assertThat(killed.isFinished()).isFalse();
        assertThat(killed.rollback()).isPresent();
        executable(handler, working);

        CliResult fresh = rollback();
        assertThat(fresh.exit())
                .as("a new rollback would go past v1: the killed one is to be resumed")
                .isEqualTo(ExitCode.INVALID);
        assertThat(fresh.err()).contains("did not finish: continue it with --resume");
        CliResult resumed = rollback("--resume");

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(Files.readString(handlers.resolve("live")).strip()).isEqualTo(V1_COMMIT);
        ReleaseRun done = Ledger.open(Path.of(ledger)).read(ENV).latestRun().orElseThrow();
        assertThat(done.rollback().orElseThrow().to())
                .isEqualTo(killed.rollback().orElseThrow().to());
        assertThat(done.rollback().orElseThrow().from())
                .as("it still rolls back v2, not the killed rollback")
                .isEqualTo(killed.rollback().orElseThrow().from());
    }

    private CliResult run(Path manifest, String... more) {
        return withRegistry("run", manifest.toString(), more);
    }

    private CliResult rollback(String... more) {
        return withRegistry("rollback", ENV, more);
    }

    /** {@code command first} against this test's ledger, handlers and registry, then {@code more}. */
    private CliResult withRegistry(String command, String first, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                first,
                "--ledger",
                ledger,
                "--handlers",
                handlers.toString(),
                "--registry",
                server.reference(),
                "--insecure"));
        args.addAll(List.of(more));
        return CliResult.run(args.toArray(String[]::new));
    }

    private void approve(String policy, String who, String manifest) {
        CliResult approve = CliResult.run("approve", manifest, "--ledger", ledger, "--policy", policy, "--as", who);
        assertThat(approve.exit()).as(approve.toString()).isIn(ExitCode.OK, ExitCode.AWAITING_APPROVAL);
    }

    private CliResult approveRollback(String policy, String who) {
        return CliResult.run("approve", "--rollback", ENV, "--ledger", ledger, "--policy", policy, "--as", who);
    }

    private Path manifest(String name, String commit, String sourceTag) throws IOException {
        return Files.writeString(
                dir.resolve(name),
                Fixtures.productionManifest(Fixtures.portalDeployment(commit) + """
                            images:
                              - repoName: %s
                                sourceTag: %s
                        """.formatted(repository, sourceTag)));
    }

    private String policy(String text) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), text).toString();
    }

    private String destinationDigest(String tag) throws Exception {
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TagState state = registry.digest(ImageRef.tagged(repository, tag));
            return state instanceof TagState.Present present ? present.digest().toString() : null;
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
