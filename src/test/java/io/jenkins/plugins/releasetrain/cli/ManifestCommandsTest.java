package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, plan, diff and schema, run as a user runs them, checking output and exit codes. */
class ManifestCommandsTest {

    private static final String STAGING =
            Fixtures.example("staging-us-east-2.yaml").toString();
    private static final String PRODUCTION =
            Fixtures.example("production-us-east-2.yaml").toString();

    @Test
    void validatesTheExamples() {
        CliResult run = CliResult.run("validate", STAGING, PRODUCTION);
        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .contains("ok  " + STAGING + "  staging-us-east-2: 1 product, 6 deployments, 3 images (release ")
                .contains("ok  " + PRODUCTION);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportsEveryErrorOfEveryFileAndExitsWithTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Fixtures.exampleText("staging-us-east-2.yaml")
                        .replace("deployTarget: apigw", "deployTarget: lamda")
                        .replace("releaseVersion: 1.9.0", "releaseVersion: latest"));
        CliResult run = CliResult.run("validate", STAGING, bad.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(run.out()).contains("ok  " + STAGING).contains("invalid  " + bad + "  2 errors");
        assertThat(run.err())
                .contains(bad + ":8:21: error: releaseVersion 'latest' is not a semantic version")
                .contains(bad + ":40:23: error: deployTarget 'lamda' is not a known deploy target")
                .contains("  hint: did you mean 'lambda'?");
    }

    @Test
    void validatesAsJsonForMachines(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "environment: {}\n");
        CliResult run = CliResult.run("validate", "--format", "json", STAGING, bad.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("files").get(0).get("valid").asBoolean()).isTrue();
        assertThat(json.get("files").get(0).get("releaseId").asText()).hasSize(64);
        JsonNode firstError = json.get("files").get(1).get("diagnostics").get(0);
        assertThat(firstError.get("file").asText()).isEqualTo(bad.toString());
        assertThat(firstError.get("line").asInt()).isEqualTo(1);
        assertThat(firstError.get("severity").asText()).isEqualTo("error");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportsAMissingFileAsInvalidInput() {
        CliResult run = CliResult.run("validate", "no/such/file.yaml");
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(run.err()).contains("no/such/file.yaml:1:1: error: no such file");
    }

    @Test
    void plansAgainstTheDeployedRelease(@TempDir Path dir) throws IOException {
        Path next = dir.resolve("staging-next.yaml");
        Files.writeString(
                next,
                Fixtures.exampleText("staging-us-east-2.yaml")
                        .replace("releaseCandidate: 2", "releaseCandidate: 3")
                        .replace(
                                "gitCommit: 4f545ec8f09c81ac645926f755ba13f46434f636",
                                "gitCommit: 5a545ec8f09c81ac645926f755ba13f46434f637"));
        CliResult run = CliResult.run("plan", next.toString(), "--against", STAGING);
        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("product1  changed  1.9.0-rc2 -> 1.9.0-rc3")
                .containsPattern("product1/deploy/resources +changed +4f545ec8f09c -> 5a545ec8f09c")
                .containsPattern("product1/deploy/cf-edge-s3 +unchanged +0017ee3735f0")
                .contains("1 changed, 8 unchanged (9 artifacts)");
    }

    @Test
    void warnsWhenPlanningAgainstAnotherEnvironment() {
        CliResult run = CliResult.run("plan", STAGING, "--against", PRODUCTION);
        assertThat(run.err())
                .contains("is for environment 'production-us-east-2', not 'staging-us-east-2'")
                .contains("release-train diff");
        assertThat(run.out()).contains("destinationTag prod_us_123 -> stage_us_123");
    }

    @Test
    void plansAFirstReleaseAsAllAdded() {
        CliResult run = CliResult.run("plan", STAGING);
        assertThat(run.out()).contains("nothing deployed yet").contains("9 added (9 artifacts)");
    }

    @Test
    void plansAsJson() throws IOException {
        CliResult run = CliResult.run("plan", "--format", "json", STAGING, "--against", STAGING);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("summary").get("unchanged").asInt()).isEqualTo(9);
        assertThat(json.get("artifacts").get(0).get("id").asText()).isEqualTo("product1/deploy/cf-edge-s3");
        assertThat(json.get("artifacts").get(0).get("after").get("gitCommit").asText())
                .isEqualTo("0017ee3735f0c652c604f905523e8c3da0bfeba4");
    }

    @Test
    void diffsTwoEnvironments() throws IOException {
        CliResult run = CliResult.run("diff", STAGING, PRODUCTION);
        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .startsWith("Promoting staging-us-east-2 into production-us-east-2\n")
                .containsPattern("product1/image/product1/microservice-2 +changed +dev_401 -> dev_456")
                .contains("3 changed, 6 unchanged (9 artifacts)");
        JsonNode json = new ObjectMapper()
                .readTree(CliResult.run("diff", "--format", "json", STAGING, STAGING)
                        .out());
        assertThat(json.get("inSync").asBoolean()).isTrue();
    }

    @Test
    void printsTheSchema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(CliResult.run("schema").out());
        assertThat(schema.get("title").asText()).isEqualTo("Release Train release manifest");
    }

    @Test
    void exitsWithTwoOnUsageErrors() {
        assertThat(CliResult.run().exit()).isEqualTo(ExitCode.INVALID);
        CliResult unknown = CliResult.run("plan", STAGING, "--bogus");
        assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(unknown.err()).contains("release-train plan: unknown option --bogus");
        assertThat(CliResult.run("frobnicate").exit()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void anUnknownOptionIsNamedWithTheOneItIsCloseToAndTheUsageStaysShort() {
        CliResult typo = CliResult.run("state", "staging-us-east-2", "--ledgr", "ledger");

        assertThat(typo.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(typo.err())
                .startsWith("release-train state: unknown option --ledgr; did you mean --ledger?")
                .contains("See 'release-train state --help' for its options.")
                .doesNotContain("Missing required option");
        assertThat(typo.err().lines().count()).isEqualTo(2);
    }

    @Test
    void helpIsACommand() {
        CliResult help = CliResult.run("help");
        CliResult helpRun = CliResult.run("help", "run");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: release-train").doesNotContain("did you mean");
        assertThat(helpRun.exit()).isZero();
        assertThat(helpRun.out()).contains("Usage: release-train run");
    }

    @Test
    void printsNoColourWhenNotOnATerminal() {
        assertThat(CliResult.run("plan", STAGING).out()).doesNotContain("\u001B[");
    }
}
