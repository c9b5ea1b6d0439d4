package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.ledger.LedgerChild;
import io.jenkins.plugins.releasetrain.testing.ChildJvm;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-train run}, {@code state} and {@code history} on the example release and the demo handlers. */
class RunCommandTest {

    private static final String STAGING = "staging-us-east-2";

    @TempDir
    Path dir;

    private final String manifest = Fixtures.example("staging-us-east-2.yaml").toString();
    private final String handlers =
            Fixtures.projectRoot().resolve("examples/handlers").toString();

    @Test
    void dryRunShowsWhatWouldRunAndWritesNothing() {
        CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--dry-run");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("nothing runs, nothing is recorded")
                .containsPattern("product1/deploy/cf-edge-s3 +run +handler lambda-job")
                .containsPattern("product1/image/product1/microservice-1 +record skipped +no --registry given")
                .contains("6 artifacts would run, 3 would be recorded without running");
        assertThat(dir.resolve("ledger")).doesNotExist();
    }

    @Test
    void runsTheExampleReleaseWithTheDemoHandlersAndRecordsIt() {
        CliResult result =
                CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--actor", "alice");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("[6/6] succeeded")
                .containsPattern("product1/deploy/apigw-main +succeeded +d3398bdb6dff")
                .contains("6 succeeded, 3 skipped")
                .contains("3 skipped: no --registry given: the image was not tagged")
                .contains("partial; recorded in " + dir.resolve("ledger").resolve(STAGING + ".jsonl"));

        CliResult state = CliResult.run("state", STAGING, "--ledger", ledger());
        assertThat(state.exit()).as(state.toString()).isZero();
        assertThat(state.out())
                .containsPattern("product1/deploy/portal +b4522e8ffe71 +1.9.0-rc2 .* alice ")
                .contains("6 artifacts live");

        CliResult history = CliResult.run("history", STAGING, "--ledger", ledger(), "--format", "json");
        JsonNode runs = history.json().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("partial");
        assertThat(runs.get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(runs.get(0).get("results")).hasSize(9);
    }

    @Test
    void runningAgainRunsNothingAndSaysWhy() {
        CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers);

        CliResult again = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers);

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out())
                .contains("0 to run")
                .contains("6 unchanged: already live with this content; not run (--all runs it anyway)")
                .doesNotContain("[1/");
    }

    @Test
    void exitsOneWhenADeploymentFailsAndShowsTheEndOfItsOutput() throws IOException {
        Path failing = copyOfExampleHandlers();
        Files.writeString(
                failing.resolve("s3-upload-portal"),
                "#!/bin/sh\necho 'uploading portal'\necho 'AccessDenied: s3://portal' >&2\nexit 5\n");

        CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", failing.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(result.out())
                .containsPattern("product1/deploy/portal +failed .* exit 5")
                .contains("--- product1/deploy/portal: exit 5 (last lines of its output)")
                .contains("  | AccessDenied: s3://portal")
                .contains("failed; recorded in");
    }

    @Test
    void describesTheRunInJsonWithEachHandlersOutput() {
        CliResult result = CliResult.run(
                "run", manifest, "--ledger", ledger(), "--handlers", handlers, "--format", "json", "--actor", "ci");

        JsonNode json = result.json();
        assertThat(result.exit()).isZero();
        assertThat(json.get("status").asText()).isEqualTo("partial");
        assertThat(json.get("summary").get("succeeded").asInt()).isEqualTo(6);
        assertThat(json.get("results")).hasSize(9);
        JsonNode lambda = json.get("results").findParents("artifactId").stream()
                .filter(r -> r.get("artifactId").asText().equals("product1/deploy/cf-edge-s3"))
                .findFirst()
                .orElseThrow();
        assertThat(lambda.get("output").asText())
                .contains(
                        "lambda-job: would build cloudfront-edge-s3-lambda at 0017ee3735f0c652c604f905523e8c3da0bfeba4");
        assertThat(lambda.get("actor").asText()).isEqualTo("ci");
    }

    @Test
    void exitsTwoBeforeRunningAnythingWhenNoHandlersAreGiven() {
        CliResult result = CliResult.run("run", manifest, "--ledger", ledger());

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("--handlers DIR is required", "lambda-job", "api-gw-deploy");
        assertThat(dir.resolve("ledger")).doesNotExist();
    }

    @Test
    void exitsTwoWhenAHandlerIsMissing() throws IOException {
        Path incomplete = copyOfExampleHandlers();
        Files.delete(incomplete.resolve("api-gw-deploy"));

        CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", incomplete.toString());

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("no handler for workflowBase 'api-gw-deploy'");
    }

    @Test
    void tagsTheImagesInTheRegistryGivenAndSucceedsCompletely() throws Exception {
        OciLayoutRegistry layout = new OciLayoutRegistry(dir.resolve("images"));
        for (String[] image : new String[][] {
            {"product1/microservice-1", "dev_123"},
            {"product1/microservice-2", "dev_456"},
            {"product1/microservice-3", "dev_789"}
        }) {
            TestImages.pushImage(layout, image[0], image[1], TestImages.Flavor.OCI, image[1]);
        }

        CliResult result = CliResult.run(
                "run",
                manifest,
                "--ledger",
                ledger(),
                "--handlers",
                handlers,
                "--registry",
                "oci-layout:" + dir.resolve("images"));

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .containsPattern(
                        "product1/image/product1/microservice-2 +succeeded +dev_456 .* tagged stage_us_456 in oci-layout:")
                .contains("9 succeeded")
                .contains("succeeded; recorded in");
    }

    @Test
    void exitsTwoForARegistryReferenceItCannotUse() {
        CliResult result = CliResult.run(
                "run", manifest, "--ledger", ledger(), "--handlers", handlers, "--registry", "ftp://registry");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("--registry: unsupported registry reference 'ftp://registry'");
    }

    @Test
    void exitsTwoWhenThereIsNothingToResume() {
        CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--resume");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("nothing to resume");
    }

    @Test
    void exitsTwoForATimeoutThatIsNotADuration() {
        CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--timeout", "soon");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("'soon' is not a duration");
    }

    @Test
    void refusesWhileAnotherProcessRunsTheSameEnvironmentAndNamesIt() {
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "hold", ledger(), STAGING, "other-run")) {
            child.awaitLine("locked", Duration.ofSeconds(60));

            CliResult result = CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers);

            assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err())
                    .contains("environment staging-us-east-2 is being released by run other-run by child (pid "
                            + child.pid())
                    .contains("--wait");
        }
    }

    @Test
    void stateAtAnInstantBeforeAnyRunShowsNothingLive() {
        CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers);

        CliResult state = CliResult.run("state", STAGING, "--ledger", ledger(), "--at", "2000-01-01T00:00:00Z");

        assertThat(state.exit()).isZero();
        assertThat(state.out()).contains("at 2000-01-01T00:00:00Z").contains("0 artifacts live");
    }

    @Test
    void plansAgainstWhatTheLedgerSaysIsLive() {
        CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers);

        CliResult plan = CliResult.run(
                "plan", Fixtures.example("production-us-east-2.yaml").toString(), "--ledger", ledger());
        CliResult same = CliResult.run("plan", manifest, "--ledger", ledger());

        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("9 added").contains("nothing yet");
        assertThat(same.out())
                .containsPattern("product1/deploy/portal +unchanged")
                .containsPattern("product1/image/product1/microservice-1 +added")
                .contains("3 added, 6 unchanged");
    }

    @Test
    void exitsTwoWhenTheLedgerIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("ledger"), "not a directory");

        CliResult run = CliResult.run("run", manifest, "--ledger", file.toString(), "--handlers", handlers);
        CliResult plan = CliResult.run("plan", manifest, "--ledger", file.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("is not a directory");
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void readCommandsExitTwoWithoutALedger() {
        CliResult history = CliResult.run(
                "history", STAGING, "--ledger", dir.resolve("nowhere").toString());
        CliResult state = CliResult.run("state", "Not-An-Env", "--ledger", dir.toString());

        assertThat(history.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(history.err()).contains("no ledger directory at");
        assertThat(state.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(state.err()).contains("not an environment name");
    }

    @Test
    void anEnvironmentTheLedgerDoesNotKnowIsAnErrorWithWhatItKnows() {
        CliResult run =
                CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--actor", "alice");
        assertThat(run.exit()).as(run.toString()).isZero();

        CliResult typo = CliResult.run("history", "staging-us-east2", "--ledger", ledger());
        CliResult unknown = CliResult.run("state", "nope", "--ledger", ledger());

        assertThat(typo.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(typo.err())
                .contains("has no environment staging-us-east2; did you mean staging-us-east-2?"
                        + " (environments there: staging-us-east-2)");
        assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(unknown.err()).contains("has no environment nope (environments there: staging-us-east-2)");
    }

    @Test
    void aRunWithADamagedResultIsShownDamagedAndNoLaterRunIsCreditedWithItsDeployment() throws IOException {
        CliResult first =
                CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--actor", "alice");
        CliResult second =
                CliResult.run("run", manifest, "--ledger", ledger(), "--handlers", handlers, "--actor", "bob");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(second.exit()).as(second.toString()).isZero();
        // Damage the first run's result for the portal on disk: its checksum no longer matches.
        Path file = dir.resolve("ledger").resolve(STAGING + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        int portal = 0;
        while (!(lines.get(portal).contains("\"type\":\"artifact-result\"")
                && lines.get(portal).contains("\"artifactId\":\"product1/deploy/portal\""))) {
            portal++;
        }
        lines.set(portal, lines.get(portal).replace("exit 0", "exit 9"));
        Files.write(file, lines);

        CliResult history = CliResult.run("history", STAGING, "--ledger", ledger());
        CliResult historyJson = CliResult.run("history", STAGING, "--ledger", ledger(), "--format", "json");
        CliResult state = CliResult.run("state", STAGING, "--ledger", ledger());

        assertThat(history.out())
                .containsPattern("alice +\\w+ +damaged \\(partial\\)")
                .contains("1 ledger record written during this run could not be read (damaged)");
        JsonNode runs = historyJson.json().get("runs");
        assertThat(runs.get(1).get("actor").asText()).isEqualTo("alice");
        assertThat(runs.get(1).get("damage").asText()).contains("could not be read");
        assertThat(runs.get(0).get("damage").isNull())
                .as("the later run is intact")
                .isTrue();
        assertThat(state.out())
                .containsPattern("product1/deploy/portal +b4522e8ffe71 .* unknown \\* +unknown \\* +unknown \\*")
                .doesNotContainPattern("product1/deploy/portal .* bob ")
                .contains("* the record of 1 deployment is damaged");
    }

    @Test
    void aReleaseThatFailedIsPartiallyLiveNeverLiveEvenAfterALaterPassFindsTheRestUnchanged() throws IOException {
        String text = Fixtures.exampleText(STAGING + ".yaml");
        String deploymentsOnly = text.substring(0, text.indexOf("    images:"));
        Path rc2 = Files.writeString(dir.resolve("rc2.yaml"), deploymentsOnly);
        Path rc3 = Files.writeString(
                dir.resolve("rc3.yaml"),
                Fixtures.replaceOnce(
                        deploymentsOnly,
                        "b4522e8ffe7162d01bfe7637ab7412fee919d2a5",
                        "c4522e8ffe7162d01bfe7637ab7412fee919d2a5"));
        Path failing = copyOfExampleHandlers();
        CliResult first =
                CliResult.run("run", rc2.toString(), "--ledger", ledger(), "--handlers", handlers, "--actor", "alice");
        assertThat(first.exit()).as(first.toString()).isZero();
        Files.writeString(failing.resolve("s3-upload-portal"), "#!/bin/sh\necho 'bucket not found'\nexit 4\n");
        CliResult failed = CliResult.run(
                "run", rc3.toString(), "--ledger", ledger(), "--handlers", failing.toString(), "--actor", "bob");
        CliResult again = CliResult.run(
                "run", rc3.toString(), "--ledger", ledger(), "--handlers", failing.toString(), "--actor", "bob");
        assertThat(failed.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(again.exit()).isEqualTo(ExitCode.FAILED);

        CliResult state = CliResult.run("state", STAGING, "--ledger", ledger());
        CliResult json = CliResult.run("state", STAGING, "--ledger", ledger(), "--format", "json");

        String rc2Id = json.json().get("liveRelease").get("releaseId").asText();
        String rc3Id = json.json().get("partiallyLive").get("releaseId").asText();
        assertThat(rc2Id).isNotEqualTo(rc3Id);
        assertThat(json.json().get("liveRelease").get("actor").asText()).isEqualTo("alice");
        assertThat(json.json().get("partiallyLive").get("liveArtifacts").asInt())
                .isEqualTo(5);
        assertThat(json.json().get("partiallyLive").get("artifacts").asInt()).isEqualTo(6);
        assertThat(state.out())
                .contains("live release: " + rc2Id.substring(0, 12) + " (all 6 artifacts; run ")
                .contains("partially live: " + rc3Id.substring(0, 12) + " (5 of 6 artifacts; run ")
                .contains(" failed)");
    }

    @Test
    void afterASuccessfulRunTheVerifyHandlerChecksWhatWasDeployedAndItsVerdictIsRecorded() throws Exception {
        Path verifying = copyOfExampleHandlers();
        verify(verifying, "env | grep '^RELEASE_' | sort > \"$(dirname \"$0\")/verified.env\"\nexit 0\n");
        String deployments = deploymentsOnly();

        CliResult run = CliResult.run(
                "run", deployments, "--ledger", ledger(), "--handlers", verifying.toString(), "--actor", "alice");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Verification: verified (exit 0, ").contains("succeeded, verified; recorded in");
        String context = Files.readString(verifying.resolve("verified.env"));
        assertThat(context)
                .contains("RELEASE_ENVIRONMENT=" + STAGING)
                .containsPattern("RELEASE_RUN_ID=\\d{8}T\\d{6}Z-")
                .contains("RELEASE_CHANGED_ARTIFACTS=")
                .contains("product1/deploy/portal");
        assertThat(CliResult.run("history", STAGING, "--ledger", ledger()).out())
                .contains("succeeded, verified");
        assertThat(CliResult.run("state", STAGING, "--ledger", ledger()).out())
                .containsPattern("live release: [0-9a-f]{12} \\(all 6 artifacts; run .* by alice; verified\\)");
        assertThat(CliResult.run("state", STAGING, "--ledger", ledger(), "--format", "json")
                        .json()
                        .get("liveReleaseVerification")
                        .get("passed")
                        .asBoolean())
                .isTrue();
        JsonNode recorded = CliResult.run("history", STAGING, "--ledger", ledger(), "--format", "json")
                .json()
                .get("runs")
                .get(0)
                .get("verification");
        assertThat(recorded.get("passed").asBoolean()).isTrue();
        assertThat(recorded.get("attempts").asInt()).isEqualTo(1);
        JsonNode record = CliResult.run("record", STAGING, "--latest", "--ledger", ledger())
                .json();
        assertThat(record.get("verification").get("status").asText()).isEqualTo("verified");
        assertThat(CliResult.run("record", STAGING, "--latest", "--ledger", ledger(), "--html")
                        .out())
                .contains("<h2>Verification</h2>");
        JsonNode board =
                CliResult.run("board", "--ledger", ledger(), "--format", "json").json();
        assertThat(board.get("environments").get(0).get("history").get("runs"))
                .singleElement()
                .satisfies(
                        entry -> assertThat(entry.get("verification").asText()).isEqualTo("verified: exit 0"));
    }

    @Test
    void aVerificationThatKeepsFailingFailsTheRunAfterItsAttempts() throws Exception {
        Path verifying = copyOfExampleHandlers();
        verify(verifying, "echo \"smoke test: checkout returned 500\"\nexit 3\n");

        CliResult run = CliResult.run(
                "run",
                deploymentsOnly(),
                "--ledger",
                ledger(),
                "--handlers",
                verifying.toString(),
                "--verify-attempts",
                "2");

        assertThat(run.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("Verification: verification failed (exit 3 (attempt 2 of 2), ")
                .contains("  | smoke test: checkout returned 500")
                .contains("succeeded, verification failed; recorded in");
        assertThat(CliResult.run("history", STAGING, "--ledger", ledger()).out())
                .contains("succeeded, verification failed");
        assertThat(CliResult.run(
                                "run",
                                deploymentsOnly(),
                                "--ledger",
                                ledger(),
                                "--handlers",
                                handlers,
                                "--verify-attempts",
                                "11")
                        .err())
                .contains("verification runs 1 to 10 times, not 11");
    }

    @Test
    void aRuleAskingForVerifiedUpstreamReleasesWaitsForStagingsVerification() throws Exception {
        String staging = deploymentsOnly();
        String production = Files.writeString(
                        dir.resolve("production.yaml"),
                        Files.readString(Path.of(staging))
                                .replace("name: staging-us-east-2", "name: production-us-east-2")
                                .replace("shortName: stage-us", "shortName: prod-us")
                                .replace("destinationTagPrefix: stage_us", "destinationTagPrefix: prod_us"))
                .toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            requires: [staging-*]
                            requireVerified: true
                        """).toString();
        assertThat(CliResult.run("run", staging, "--ledger", ledger(), "--handlers", handlers)
                        .exit())
                .as("staging runs, with no verify handler")
                .isZero();

        CliResult unverified =
                CliResult.run("run", production, "--ledger", ledger(), "--handlers", handlers, "--policy", policy);
        Path verifying = copyOfExampleHandlers();
        verify(verifying, "exit 0\n");
        CliResult verifiedStaging =
                CliResult.run("run", staging, "--ledger", ledger(), "--handlers", verifying.toString(), "--all");
        CliResult verified =
                CliResult.run("run", production, "--ledger", ledger(), "--handlers", handlers, "--policy", policy);

        assertThat(unverified.exit()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(unverified.out() + unverified.err()).contains("but was not verified");
        assertThat(verifiedStaging.out()).contains("succeeded, verified");
        assertThat(verified.exit()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("and was verified at ");
    }

    /** The staging example without its images, so that a run can succeed without a registry. */
    private String deploymentsOnly() throws IOException {
        String text = Fixtures.exampleText("staging-us-east-2.yaml");
        return Files.writeString(dir.resolve("deployments.yaml"), text.substring(0, text.indexOf("    images:\n")))
                .toString();
    }

    private static void verify(Path handlers, String body) throws IOException {
        Path verify = handlers.resolve("verify");
        Files.writeString(verify, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(verify, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String ledger() {
        return dir.resolve("ledger").toString();
    }

    private Path copyOfExampleHandlers() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("handlers"));
        try (var files = Files.list(Path.of(handlers))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(file.getFileName());
                Files.copy(file, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return copy;
    }
}
