package io.jenkins.plugins.releasetrain.board;

import static io.jenkins.plugins.releasetrain.board.BoardTest.API;
import static io.jenkins.plugins.releasetrain.board.BoardTest.WORKER;
import static io.jenkins.plugins.releasetrain.board.BoardTest.environment;
import static io.jenkins.plugins.releasetrain.board.BoardTest.input;
import static io.jenkins.plugins.releasetrain.board.BoardTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoardJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void currentAndPointInTimeDocumentsFollowTheSchema() throws Exception {
        BoardInput input = BoardInputGenerator.small().generate();

        assertThat(schemaErrors(BoardJson.write(Board.of(input, 3)))).isEmpty();
        assertThat(schemaErrors(
                        BoardJson.write(Board.at(input, BoardInputGenerator.START.plusSeconds(86_400 * 3), 50))))
                .isEmpty();
    }

    @Test
    void schemaRejectsACellWithAnUnknownStatus() throws Exception {
        String json = BoardJson.write(Board.of(input(environment("staging", List.of(state(API, "b")))), 10));

        assertThat(schemaErrors(json.replace("\"status\":\"succeeded\"", "\"status\":\"done\"")))
                .extracting(error -> error.getInstanceLocation().toString())
                .contains("/products/0/artifacts/0/cells/0/status");
    }

    @Test
    void cellsLineUpWithEnvironmentsAndAreNullWhereTheArtifactIsMissing() throws Exception {
        Board board = Board.of(
                input(
                        environment("staging", List.of(state(API, "b"))),
                        environment("production", List.of(state(API, "a"), state(WORKER, "1.0")))),
                10);

        JsonNode document = MAPPER.readTree(BoardJson.write(board));

        assertThat(document.get("schemaVersion").asInt()).isEqualTo(BoardJson.SCHEMA_VERSION);
        assertThat(document.get("at").isNull()).isTrue();
        JsonNode rows = document.get("products").get(0).get("artifacts");
        assertThat(rows.get(0).get("id").asText()).isEqualTo(API);
        assertThat(rows.get(0).get("cells").get(1).get("driftFrom").asText()).isEqualTo("staging");
        assertThat(rows.get(0).get("cells").get(0).get("driftFrom").isNull()).isTrue();
        assertThat(rows.get(1).get("kind").asText()).isEqualTo("image");
        assertThat(rows.get(1).get("cells").get(0).isNull()).isTrue();
        assertThat(rows.get(1).get("cells").get(1).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void summaryCountsArtifactsStatusesDriftAndApprovals() throws Exception {
        BoardInput input = BoardInputGenerator.small().generate();
        Board board = Board.of(input, 50);

        JsonNode summary = MAPPER.readTree(BoardJson.write(board)).get("summary");

        long drifted = board.rows().stream()
                .flatMap(r -> r.cells().stream())
                .flatMap(Optional::stream)
                .filter(BoardCell::drifted)
                .count();
        assertThat(drifted).isPositive();
        assertThat(summary.get("drifted").asLong()).isEqualTo(drifted);
        assertThat(summary.get("artifacts").asInt()).isEqualTo(15);
        assertThat(summary.get("cells").asInt()).isEqualTo(60);
        assertThat(summary.get("failed").asInt()).isPositive();
        assertThat(summary.get("running").asInt()).isPositive();
        assertThat(summary.get("pending-approval").asInt()).isPositive();
        assertThat(summary.get("pendingApprovals").asInt()).isEqualTo(1);
    }

    @Test
    void cellsRunsAndTheStateAtTheStartOfAShortenedHistoryCarryTheirRunsPage() throws Exception {
        Board board = Board.of(BoardInputGenerator.small().generate(), 1);

        JsonNode document = MAPPER.readTree(BoardJson.write(board));

        JsonNode environment = document.get("environments").get(0);
        assertThat(text(environment.get("history").get("runs").get(0).get("url")))
                .isEqualTo(board.environments().get(0).history().get(0).url());
        assertThat(environment.get("history").get("liveAtStart"))
                .isNotEmpty()
                .allSatisfy(state -> assertThat(state.has("url")).isTrue());
        List<JsonNode> rows = new ArrayList<>();
        document.get("products").forEach(product -> product.get("artifacts").forEach(rows::add));
        int linked = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int e = 0; e < board.environments().size(); e++) {
                Optional<BoardCell> cell = board.rows().get(r).cell(e);
                if (cell.isPresent()) {
                    String url = cell.get().state().url();
                    assertThat(text(rows.get(r).get("cells").get(e).get("url"))).isEqualTo(url);
                    linked += url == null ? 0 : 1;
                }
            }
        }
        assertThat(linked).isPositive();
    }

    private static String text(JsonNode node) {
        return node.isNull() ? null : node.asText();
    }

    static List<Error> schemaErrors(String json) throws Exception {
        try (InputStream in = BoardJson.class.getResourceAsStream("board.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
            return schema.validate(json, InputFormat.JSON);
        }
    }
}
