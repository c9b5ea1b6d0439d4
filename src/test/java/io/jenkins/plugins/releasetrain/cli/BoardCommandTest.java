package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.board.BoardAssets;
import io.jenkins.plugins.releasetrain.board.BoardInputGenerator;
import io.jenkins.plugins.releasetrain.board.BoardInputJson;
import io.jenkins.plugins.releasetrain.board.BoardJson;
import io.jenkins.plugins.releasetrain.board.ExampleLedger;
import io.jenkins.plugins.releasetrain.gitops.TestRepository;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardCommandTest {

    @TempDir
    Path directory;

    private Path input;
    private final ServedWatcher out = new ServedWatcher();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeInput() throws Exception {
        input = directory.resolve("board-input.json");
        Files.writeString(
                input, BoardInputJson.write(BoardInputGenerator.small().generate()));
    }

    private int run(String... args) {
        return ReleaseTrainCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void summarizesEachEnvironmentAndListsDrift() {
        int exit = run("board", "--input", input.toString());

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString())
                .contains("4 environments, 15 artifacts")
                .containsPattern("production-us-east-2\\s+15\\s+0\\s+0\\s+1\\s")
                .contains("Drift between neighbouring environments")
                .containsPattern("dev-us-east-2 \\S+ -> test-us-east-2 \\S+");
    }

    @Test
    void printsTheBoardDocumentAsJson() throws Exception {
        int exit = run(
                "board",
                "--input",
                input.toString(),
                "--format",
                "json",
                "--environments",
                "staging-us-east-2,production-us-east-2");

        assertThat(exit).isEqualTo(ExitCode.OK);
        JsonNode document = new ObjectMapper().readTree(out.toString());
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(BoardJson.SCHEMA_VERSION);
        assertThat(document.get("environments").findValuesAsText("name"))
                .containsExactly("staging-us-east-2", "production-us-east-2");
    }

    @Test
    void writesAStaticSite() {
        Path site = directory.resolve("site");

        int exit = run("board", "--input", input.toString(), "--out", site.toString());

        assertThat(exit).isEqualTo(ExitCode.OK);
        for (String name : BoardAssets.names()) {
            assertThat(site.resolve(name)).exists();
        }
        assertThat(site.resolve("board.json")).content().contains("\"schemaVersion\":" + BoardJson.SCHEMA_VERSION);
        assertThat(out.toString()).contains("Wrote the release board", "serve the directory");
    }

    @Test
    void servesTheBoardUntilInterrupted() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = new Thread(() -> exit.complete(run("board", "--input", input.toString(), "--serve", "0")));
        serving.start();
        try {
            URI uri = out.served.get(20, TimeUnit.SECONDS);
            HttpResponse<String> board = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri.resolve("board.json")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(board.statusCode()).isEqualTo(200);
            assertThat(board.body()).contains("production-us-east-2");
        } finally {
            serving.interrupt();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aServedBoardShowsWhereGitDeclaresOtherThanWhatRuns() throws Exception {
        Path ledger = directory.resolve("ledger");
        ExampleLedger.write(ledger);
        String production =
                Files.readString(Fixtures.projectRoot().resolve("examples/releases/production-us-east-2.yaml"));
        String declared = production.replaceFirst(
                "gitCommit: [0-9a-f]{40}", "gitCommit: 8e2f1c9a7b3d4e5f60718293a4b5c6d7e8f90a1b");
        Path bare = directory.resolve("manifests.git");
        try (TestRepository manifests = TestRepository.init(directory.resolve("manifests"))) {
            manifests.commit(
                    "production as declared",
                    TestRepository.ALICE,
                    Map.of("releases/production-us-east-2.yaml", declared));
            manifests.pushTo(bare);
        }
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = new Thread(() -> exit.complete(
                run("board", "--ledger", ledger.toString(), "--manifests-repo", bare.toString(), "--serve", "0")));
        serving.start();
        try {
            URI uri = out.served.get(30, TimeUnit.SECONDS);
            HttpResponse<String> board = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri.resolve("board.json")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(board.statusCode()).isEqualTo(200);
            JsonNode environments = new ObjectMapper().readTree(board.body()).get("environments");
            JsonNode drift = null;
            for (JsonNode environment : environments) {
                if (environment.get("name").asText().equals("production-us-east-2")) {
                    drift = environment.get("gitDrift");
                }
            }
            assertThat(drift).as(board.body()).isNotNull();
            assertThat(drift.isNull()).as(err.toString()).isFalse();
            assertThat(drift.asText()).startsWith("git (main:releases/production-us-east-2.yaml) declares release");
        } finally {
            serving.interrupt();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void countsOneEnvironmentInTheSingular() {
        int exit = run("board", "--input", input.toString(), "--environments", "production-us-east-2");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("1 environment, ").doesNotContain("1 environments");
        assertThat(out.toString())
                .as("times to the second, in UTC, without nanoseconds")
                .containsPattern("generated \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\n");
    }

    @Test
    void summarizesALedgerInPromotionOrder() {
        Path ledger = directory.resolve("ledger");
        ExampleLedger.write(ledger);

        int exit = run("board", "--ledger", ledger.toString());

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString())
                .contains("2 environments, 9 artifacts")
                .containsPattern("staging-us-east-2\\s+9\\s+1\\s+0\\s+0\\s+\\d+\\s+s3 failed")
                .containsPattern("production-us-east-2\\s+9\\s+0\\s+0\\s+1\\s+\\d+\\s+p2 pending-approval");
        assertThat(out.toString().indexOf("staging-us-east-2"))
                .isLessThan(out.toString().indexOf("production-us-east-2"));
        assertThat(out.toString())
                .as("drift is between what is live; the waiting attempt is named")
                .contains("product1/deploy/portal  staging-us-east-2 c0ffee8ffe71 -> production-us-east-2 b4522e8ffe71"
                        + "  (pending-approval: c0ffee8ffe71)")
                .doesNotContain("lic-verf  staging");
    }

    @Test
    void aPortInUseIsOneLineAndAHintNotAStackTrace() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int exit = run("board", "--input", input.toString(), "--serve", String.valueOf(taken.getLocalPort()));

            assertThat(exit).isEqualTo(ExitCode.INVALID);
            assertThat(err.toString().strip())
                    .isEqualTo("release-train board: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; give another port, or --serve 0 to pick a free one");
        }
    }

    @Test
    void refusesALedgerDirectoryThatIsNotThere() {
        int exit = run("board", "--ledger", directory.resolve("missing").toString(), "--serve", "0");

        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no ledger directory at");
    }

    @Test
    void rejectsAnInvalidInputNamingTheField() throws Exception {
        Files.writeString(
                input, Files.readString(input).replaceFirst("\"status\" : \"succeeded\"", "\"status\" : \"ok\""));

        int exit = run("board", "--input", input.toString());

        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("environments[0].artifacts[0].status: 'ok' is not a status");
    }

    @Test
    void rejectsAnUnknownEnvironment() {
        int exit = run("board", "--input", input.toString(), "--environments", "dev-us-east-2,qa");

        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no environment named qa");
    }

    @Test
    void rejectsServingAndWritingAtOnce() {
        int exit = run("board", "--input", input.toString(), "--serve", "0", "--out", directory.toString());

        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("give --serve PORT or --out DIR, not both");
    }

    @Test
    void summarizesWhatWasLiveAtAMoment() {
        int exit = run("board", "--input", input.toString(), "--at", "2026-03-02T12:00:00Z");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("live at 2026-03-02T12:00:00Z");
    }

    /** Output that tells when the command says where it serves, so the test waits for that and no longer. */
    private static final class ServedWatcher extends StringWriter {

        private static final Pattern SERVED =
                Pattern.compile("Serving the release board at (http://127\\.0\\.0\\.1:\\d+/)");

        final CompletableFuture<URI> served = new CompletableFuture<>();

        @Override
        public void flush() {
            super.flush();
            Matcher matcher = SERVED.matcher(toString());
            if (matcher.find()) {
                served.complete(URI.create(matcher.group(1)));
            }
        }
    }
}
