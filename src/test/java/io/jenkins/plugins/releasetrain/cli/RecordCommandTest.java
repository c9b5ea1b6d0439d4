package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.RegistryServer;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.record.RecordJson;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.HeadlessChromium;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.print.PrintOptions;

/**
 * {@code release-train record}: the record of a real run (handlers, a real registry, two approvals under a
 * rule), checked field by field, against its schema, for determinism and its stated digest, and as a page
 * in headless Chromium, printed to PDF.
 */
@RequiresTools({"docker-registry"})
class RecordCommandTest {

    private static final String PRODUCTION =
            Fixtures.example("production-us-east-2.yaml").toString();
    private static final String ENV = "production-us-east-2";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static RegistryServer server;
    static String ledger;

    @BeforeAll
    static void approvedRunOfTheProductionRelease() throws Exception {
        server = RegistryServer.start(dir.resolve("registry"));
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            for (String[] image : new String[][] {
                {"product1/microservice-1", "dev_123"},
                {"product1/microservice-2", "dev_401"},
                {"product1/microservice-3", "dev_789"}
            }) {
                TestImages.pushImage(registry, image[0], image[1], TestImages.Flavor.OCI, image[1]);
            }
        }
        ledger = dir.resolve("ledger").toString();
        String policy = Files.writeString(dir.resolve("policy.yaml"), """
                        rules:
                          - name: production
                            environments: [production-*]
                            approvers:
                              groups: [release-leads]
                            requiredApprovals: 2
                            approvalExpiry: PT24H
                        """).toString();
        for (String[] approver : new String[][] {{"bob", "canary is green"}, {"carol", "<script>alert(1)</script>"}}) {
            CliResult approve = CliResult.run(
                    "approve",
                    PRODUCTION,
                    "--ledger",
                    ledger,
                    "--policy",
                    policy,
                    "--as",
                    approver[0],
                    "--groups",
                    "release-leads",
                    "--comment",
                    approver[1]);
            assertThat(approve.exit()).as(approve.toString()).isZero();
        }
        CliResult run = CliResult.run(
                "run",
                PRODUCTION,
                "--ledger",
                ledger,
                "--policy",
                policy,
                "--actor",
                "dave",
                "--handlers",
                Fixtures.projectRoot().resolve("examples/handlers").toString(),
                "--registry",
                server.reference());
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRecordSaysWhoReleasedWhatUnderWhichRuleAndWhatHappenedToEachArtifact() throws Exception {
        CliResult result = CliResult.run("record", ENV, "--latest", "--ledger", ledger);

        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode record = result.json();
        assertThat(record.get("status").asText()).isEqualTo("succeeded");
        assertThat(record.get("startedBy").asText()).isEqualTo("dave");
        assertThat(record.get("manifest").get("text").asText())
                .isEqualTo(Files.readString(Path.of(PRODUCTION), StandardCharsets.UTF_8));
        assertThat(record.get("releaseId").asText()).startsWith("f97f0f959fe0");
        assertThat(record.get("rule").get("name").asText()).isEqualTo("production");
        assertThat(record.get("rule").get("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(record.get("rule").get("approvers").get("groups").get(0).asText())
                .isEqualTo("release-leads");
        assertThat(record.get("decision").get("decision").asText()).isEqualTo("allowed");
        assertThat(record.get("decision").get("judgements")).hasSize(2);
        assertThat(record.get("approvals"))
                .extracting(a -> a.get("actor").asText())
                .containsExactly("bob", "carol");
        assertThat(record.get("approvals").get(0).get("comment").asText()).isEqualTo("canary is green");
        assertThat(record.get("plan").get("summary").get("added").asInt()).isEqualTo(9);
        JsonNode lambda = artifact(record, "product1/deploy/cf-edge-s3");
        assertThat(lambda.get("status").asText()).isEqualTo("succeeded");
        assertThat(lambda.get("handler").asText()).isEqualTo("lambda-job");
        assertThat(lambda.get("output").asText()).isNotEmpty();
        JsonNode image = artifact(record, "product1/image/product1/microservice-1");
        try (HttpRegistry registry = new HttpRegistry(server.endpoint(), null)) {
            TagState tagged = registry.digest(ImageRef.tagged("product1/microservice-1", "prod_us_123"));
            assertThat(image.get("digestAfter").asText())
                    .isEqualTo(((TagState.Present) tagged).digest().toString());
        }
        assertThat(image.get("digestBefore").isNull()).as("the tag was new").isTrue();
        assertThat(schemaErrors(result.out())).isEmpty();
    }

    @Test
    void theSameLedgerGivesTheSameBytesAndTheRecordStatesItsOwnDigest() throws Exception {
        Path file = dir.resolve("record.json");
        CliResult first = CliResult.run("record", ENV, "--latest", "--ledger", ledger);
        CliResult written = CliResult.run("record", ENV, "--latest", "--ledger", ledger, "--out", file.toString());

        String bytes = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(bytes).isEqualTo(first.out());
        String stated = first.json().get(RecordJson.DIGEST_FIELD).asText();
        assertThat(RecordJson.digestOf(bytes)).isEqualTo(stated);
        assertThat(written.err()).contains("(record SHA-256 " + stated + ")");
        // What docs/release-record.md tells an auditor to run, with the real tools.
        Process check = new ProcessBuilder(
                        "sh",
                        "-c",
                        "sed -E 's/(\"recordSha256\" : \")[0-9a-f]{64}/\\1" + "0".repeat(64) + "/' \"$1\" | sha256sum",
                        "sh",
                        file.toString())
                .start();
        assertThat(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith(stated);
        assertThat(check.waitFor()).isZero();

        String tampered = bytes.replace("\"startedBy\" : \"dave\"", "\"startedBy\" : \"mallory\"");
        assertThat(RecordJson.digestOf(tampered)).isNotEqualTo(stated);
    }

    /** The HTML page, in a real browser. */
    @Nested
    @RequiresTools({"chromium", "chromedriver"})
    class HtmlPage {

        @Test
        void theHtmlPageIsSelfContainedEscapesWhatPeopleWroteAndPrints() throws Exception {
            Path page = dir.resolve("record.html");
            CliResult result =
                    CliResult.run("record", ENV, "--latest", "--ledger", ledger, "--html", "--out", page.toString());
            assertThat(result.exit()).as(result.toString()).isZero();
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(html)
                    .doesNotContain("<script")
                    .doesNotContain("<link")
                    .doesNotContain(" src=")
                    .doesNotContainPattern("(?i)url\\(")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            String digest = CliResult.run("record", ENV, "--latest", "--ledger", ledger)
                    .json()
                    .get(RecordJson.DIGEST_FIELD)
                    .asText();
            assertThat(html).contains(digest);
            assertThat(CliResult.run("record", ENV, "--latest", "--ledger", ledger, "--html")
                            .out())
                    .isEqualTo(html);

            try (HeadlessChromium chromium = HeadlessChromium.start(1200, 1600)) {
                chromium.driver().get(page.toUri().toString());
                assertThat(chromium.driver().getTitle()).startsWith("Release record: production-us-east-2");
                assertThat(chromium.driver()
                                .findElement(By.cssSelector(".status"))
                                .getText())
                        .isEqualTo("succeeded");
                assertThat(chromium.driver().findElements(By.cssSelector("h2")))
                        .extracting(e -> e.getText())
                        .containsExactly("Approvals", "Plan", "Artifacts", "Manifest");
                String body = chromium.driver().findElement(By.tagName("body")).getText();
                assertThat(body)
                        .contains("Let through under rule production (2 required from members of release-leads):"
                                + " Release f97f0f959fe0 may run in production-us-east-2 (rule 'production'): approved by"
                                + " bob and carol (2 of 2 required).")
                        .contains("<script>alert(1)</script>");
                chromium.screenshot(SCREENSHOTS.resolve("release-record.png"));
                byte[] pdf = Base64.getDecoder()
                        .decode(chromium.driver().print(new PrintOptions()).getContent());
                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve("release-record.pdf"), pdf);
                assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
                assertThat(pdf.length).isGreaterThan(10_000);
            }
        }
    }

    @Test
    void anUnknownRunSaysWhichRunsThereAre() {
        CliResult result = CliResult.run("record", ENV, "20990101T000000Z-nope", "--ledger", ledger);
        String latest = CliResult.run("history", ENV, "--ledger", ledger, "--format", "json")
                .json()
                .get("runs")
                .get(0)
                .get("runId")
                .asText();

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("has no run 20990101T000000Z-nope (latest runs: " + latest + ")");
        assertThat(CliResult.run("record", ENV, latest, "--ledger", ledger).exit())
                .isZero();
        assertThat(CliResult.run("record", ENV, "--ledger", ledger).err()).contains("give a RUN");
    }

    private static JsonNode artifact(JsonNode record, String id) {
        List<JsonNode> found = new ArrayList<>();
        record.get("artifacts").forEach(a -> {
            if (a.get("artifactId").asText().equals(id)) {
                found.add(a);
            }
        });
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static List<Error> schemaErrors(String json) throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.newInputStream(Fixtures.projectRoot().resolve("docs/release-record.schema.json")));
        return schema.validate(json, InputFormat.JSON);
    }
}
