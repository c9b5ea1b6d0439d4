package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.notify.WebhookReceiver;
import io.jenkins.plugins.releasetrain.notify.WebhookSender;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file's webhooks, fed by the commands as a release goes: awaiting approval, approved, started,
 * succeeded; a failed verification and the automatic rollback after it. A real receiver on 127.0.0.1 checks
 * every signature.
 */
class NotifyCommandsTest {

    private static final String ENV = "production-us-east-2";
    private static final String SECRET = "a-secret-only-the-receiver-knows";

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void approversAndWatchersHearOfEachStepOfARelease() throws Exception {
        String policy = policy("""
                    approvers:
                      users: [bob]
                    requiredApprovals: 1
                """);
        Path manifest = manifest("v1.yaml", "3e1bfbd23a381c770cac57e56fb08d66c00b77ee");
        String handlers = Fixtures.projectRoot().resolve("examples/handlers").toString();

        CliResult waiting = CliResult.run(
                "run",
                manifest.toString(),
                "--ledger",
                ledger(),
                "--handlers",
                handlers,
                "--policy",
                policy,
                "--actor",
                "alice");
        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        CliResult approved =
                CliResult.run("approve", manifest.toString(), "--ledger", ledger(), "--policy", policy, "--as", "bob");
        assertThat(approved.exit()).as(approved.toString()).isZero();
        CliResult ran = CliResult.run(
                "run",
                manifest.toString(),
                "--ledger",
                ledger(),
                "--handlers",
                handlers,
                "--policy",
                policy,
                "--actor",
                "alice");
        assertThat(ran.exit()).as(ran.toString()).isZero();

        List<JsonNode> events = events(4);
        assertThat(events)
                .extracting(e -> e.get("data").get("event").asText())
                .containsExactly("awaiting-approval", "approved", "started", "succeeded");
        assertThat(events.get(0)
                        .get("data")
                        .get("details")
                        .get("approvalsNeeded")
                        .asText())
                .isEqualTo("1 of bob");
        assertThat(events.get(0).get("data").get("details").get("requestedBy").asText())
                .isEqualTo("alice");
        assertThat(events.get(1).get("data").get("summary").asText()).startsWith("bob approved release ");
        assertThat(events.get(1).get("data").get("details").get("mayRun").asText())
                .isEqualTo("true");
        assertThat(events.get(3).get("data").get("runId").asText())
                .isEqualTo(events.get(2).get("data").get("runId").asText());
        assertThat(events).allSatisfy(e -> assertThat(e.get("subject").asText()).isEqualTo(ENV));
    }

    @Test
    void aFailedVerificationAndTheRollbackItCausesAreBothAnnounced() throws Exception {
        Path handlers = Files.createDirectories(dir.resolve("handlers"));
        executable(
                handlers.resolve("s3-upload-portal"),
                "#!/bin/sh\necho \"$RELEASE_GIT_COMMIT\" > \"$(dirname \"$0\")/live\"\n");
        executable(
                handlers.resolve("verify"),
                "#!/bin/sh\nif grep -q b4522e8 \"$(dirname \"$0\")/live\"; then echo 'checkout returns 500'; exit 1; fi\n");
        String policy = policy("""
                    onVerificationFailure: rollback
                """);
        for (String commit :
                List.of("3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "b4522e8ffe7162d01bfe7637ab7412fee919d2a5")) {
            CliResult.run(
                    "run",
                    manifest("m.yaml", commit).toString(),
                    "--ledger",
                    ledger(),
                    "--handlers",
                    handlers.toString(),
                    "--policy",
                    policy);
        }

        List<JsonNode> events = events(6);
        assertThat(events)
                .extracting(e -> e.get("data").get("event").asText())
                .containsExactly(
                        "started",
                        "succeeded",
                        "started",
                        "succeeded",
                        "verification-failed",
                        "started",
                        "rolled-back");
        JsonNode rolledBack = events.get(6);
        assertThat(rolledBack.get("data").get("details").get("reason").asText()).isEqualTo("verification-failed");
        assertThat(rolledBack
                        .get("data")
                        .get("details")
                        .get("rolledBackRelease")
                        .asText())
                .isEqualTo(events.get(3).get("data").get("releaseId").asText());
        assertThat(rolledBack.get("data").get("summary").asText()).contains("rollback to release");
    }

    /** The events received, in order, each checked against its signature; waits for at least {@code count}. */
    private List<JsonNode> events(int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        WebhookReceiver.Received request;
        while ((request = receiver.next(Duration.ofSeconds(events.size() < count ? 10 : 1))) != null) {
            assertThat(request.header(WebhookSender.SIGNATURE_HEADER))
                    .isEqualTo("sha256=" + WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), request.body()));
            events.add(new ObjectMapper().readTree(request.body()));
        }
        return events;
    }

    private String policy(String ruleBody) throws IOException {
        Path secret = Files.writeString(dir.resolve("hook.secret"), SECRET + "\n");
        return Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                        %s
                        notifications:
                          webhooks:
                            - url: %s
                              secretFile: %s
                        """.formatted(
                                ruleBody.stripTrailing(), receiver.uri("/hooks"), secret))
                .toString();
    }

    private Path manifest(String name, String commit) throws IOException {
        return Files.writeString(dir.resolve(name), Fixtures.productionManifest(Fixtures.portalDeployment(commit)));
    }

    private String ledger() {
        return dir.resolve("ledger").toString();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
