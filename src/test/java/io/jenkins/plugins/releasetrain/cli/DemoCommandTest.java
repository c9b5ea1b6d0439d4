package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-train demo}: the README's main job, end to end on the examples. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void releasesStagingThenProductionTaggingTheImagesByDigestAndRecordingBoth() throws Exception {
        Path work = dir.resolve("work");

        CliResult result = CliResult.run("demo", "--work", work.toString(), "--actor", "demo-user");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Built the example images product1/microservice-1:dev_123")
                .containsPattern("Run \\S+ succeeded; recorded in .*staging-us-east-2.jsonl")
                .containsPattern("Run \\S+ succeeded; recorded in .*production-us-east-2.jsonl")
                .contains("tagged prod_us_401")
                .contains("Where to look")
                .contains("release-train state production-us-east-2 --ledger " + work.resolve("ledger"))
                .contains("release-train board --ledger " + work.resolve("ledger") + " --serve 8080");
        Ledger ledger = Ledger.open(work.resolve("ledger"));
        assertThat(ledger.environments()).containsExactly("production-us-east-2", "staging-us-east-2");
        for (String environment : ledger.environments()) {
            assertThat(ledger.read(environment).latestRun().orElseThrow().status())
                    .contains(ReleaseStatus.SUCCEEDED);
            assertThat(ledger.state(environment).artifacts())
                    .hasSize(9)
                    .allSatisfy(live -> assertThat(live.deployedBy()).isEqualTo("demo-user"));
        }
        OciLayoutRegistry images = new OciLayoutRegistry(work.resolve("images"));
        String microservice2 = "product1/microservice-2";
        assertThat(digest(images, microservice2, "dev_456")).isEqualTo(digest(images, microservice2, "stage_us_456"));
        assertThat(digest(images, microservice2, "dev_401")).isEqualTo(digest(images, microservice2, "prod_us_401"));
        assertThat(digest(images, microservice2, "dev_401")).isNotEqualTo(digest(images, microservice2, "dev_456"));
    }

    @Test
    void startsAfreshInItsOwnDirectoryEachTime() {
        Path work = dir.resolve("work");
        CliResult.run("demo", "--work", work.toString());

        CliResult again = CliResult.run("demo", "--work", work.toString(), "--format", "json");

        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode runs = again.json().get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("summary").get("succeeded").asInt()).isEqualTo(9);
        assertThat(Ledger.open(work.resolve("ledger")).read("staging-us-east-2").runs())
                .hasSize(1);
    }

    @Test
    void neverTouchesADirectoryItDidNotMake() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");

        CliResult result = CliResult.run("demo", "--work", mine.toString());

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("is not empty and was not made by the demo");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");
    }

    private static Object digest(OciLayoutRegistry images, String repository, String tag) throws Exception {
        return ((TagState.Present) images.digest(ImageRef.tagged(repository, tag))).digest();
    }
}
