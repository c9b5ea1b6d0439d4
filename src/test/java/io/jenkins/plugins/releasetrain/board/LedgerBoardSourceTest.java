package io.jenkins.plugins.releasetrain.board;

import static io.jenkins.plugins.releasetrain.board.ExampleLedger.LICENSE;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.MICROSERVICE_1;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.PORTAL;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.PRODUCTION;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBoardSourceTest {

    private static final Instant NOW = Instant.parse("2026-08-05T12:00:00Z");

    @TempDir
    Path directory;

    private Ledger ledger;
    private final List<String> warnings = new ArrayList<>();
    private BoardInput input;

    @BeforeEach
    void readTheExampleLedger() {
        ledger = ExampleLedger.write(directory);
        input = new LedgerBoardSource(
                        Ledger.open(directory), List.of(), Clock.fixed(NOW, ZoneOffset.UTC), warnings::add)
                .read();
    }

    @Test
    void columnsFollowThePromotionOrderTheNamesSay() {
        assertThat(input.environments()).extracting(EnvironmentInput::name).containsExactly(STAGING, PRODUCTION);
        assertThat(input.environments()).extracting(EnvironmentInput::shortName).containsExactly("stage-us", "prod-us");
        assertThat(input.generatedAt()).isEqualTo(NOW);
        assertThat(warnings).isEmpty();
    }

    @Test
    void liveArtifactsShowWhenAndByWhomTheirContentWasDeployed() {
        EnvironmentState live = ledger.state(STAGING);

        Map<String, ArtifactState> cells = cells(STAGING);

        for (LiveArtifact artifact : live.artifacts()) {
            if (artifact.artifactId().equals(LICENSE)) {
                continue;
            }
            ArtifactState cell = cells.get(artifact.artifactId());
            assertThat(cell.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(cell.version()).isEqualTo(artifact.artifact().version());
            assertThat(cell.at()).isEqualTo(artifact.deployment().time());
            assertThat(cell.by()).isEqualTo(artifact.deployedBy());
        }
        ArtifactState portal = cells.get(PORTAL);
        assertThat(portal.version()).startsWith("c0ffee");
        assertThat(portal.by()).as("run s3 found it unchanged; s2 deployed it").isEqualTo("bob");
        assertThat(portal.at()).isBefore(ExampleLedger.T0.plusSeconds(2 * 86_400));
        assertThat(cells.get(MICROSERVICE_1).version()).isEqualTo("dev_124");
    }

    @Test
    void anArtifactWhoseLastAttemptFailedShowsThatAttempt() {
        ArtifactState license = cells(STAGING).get(LICENSE);

        assertThat(license.status()).isEqualTo(Status.FAILED);
        assertThat(license.version()).isEqualTo("88e5368b50c42384093c754055e3856b4a2dfa6e");
        assertThat(ledger.state(STAGING)
                        .artifact(LICENSE)
                        .orElseThrow()
                        .artifact()
                        .version())
                .as("what stays live")
                .isEqualTo("77e5368b50c42384093c754055e3856b4a2dfa6e");
    }

    @Test
    void aStartedRunWithoutResultsWaitsForApprovalWithItsApprovers() {
        EnvironmentInput production = input.environment(PRODUCTION).orElseThrow();
        Map<String, ArtifactState> cells = cells(PRODUCTION);
        Map<String, String> live = ledger.state(PRODUCTION).artifacts().stream()
                .collect(Collectors.toMap(
                        LiveArtifact::artifactId, a -> a.artifact().version()));

        for (Artifact artifact : ExampleLedger.PRODUCTION_NEXT.release().artifacts()) {
            ArtifactState cell = cells.get(artifact.id());
            if (artifact.version().equals(live.get(artifact.id()))) {
                assertThat(cell.status()).as(artifact.id()).isEqualTo(Status.SUCCEEDED);
            } else {
                assertThat(cell.status()).as(artifact.id()).isEqualTo(Status.PENDING_APPROVAL);
                assertThat(cell.version()).isEqualTo(artifact.version());
                assertThat(cell.productVersion()).isEqualTo("1.9.0-rc3");
            }
        }
        assertThat(cells.values())
                .filteredOn(c -> c.status() == Status.PENDING_APPROVAL)
                .hasSize(5);
        assertThat(production.pendingApprovals()).singleElement().satisfies(approval -> {
            assertThat(approval.releaseId())
                    .isEqualTo(ExampleLedger.PRODUCTION_NEXT.release().id().value());
            assertThat(approval.approvedBy()).containsExactly("bob");
            assertThat(approval.stillNeeded())
                    .as("the ledger does not know the rule")
                    .isNull();
        });
        assertThat(production.history()).last().extracting(HistoryEntry::status).isEqualTo(Status.PENDING_APPROVAL);
    }

    @Test
    void runsKeepTheLedgersStatusesAndAnUnendedEarlierRunWasCutShort() {
        Map<String, HistoryEntry> runs = input.environment(STAGING).orElseThrow().history().stream()
                .collect(Collectors.toMap(HistoryEntry::runId, r -> r));

        assertThat(runs.get("s0").status()).isEqualTo(Status.CANCELLED);
        assertThat(runs.get("s0").ended()).isNull();
        assertThat(runs.get("s1").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(runs.get("s2").status()).isEqualTo(Status.FAILED);
        assertThat(runs.get("s3").results())
                .extracting(ArtifactResult::artifactId, ArtifactResult::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(PORTAL, Status.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple(LICENSE, Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple(MICROSERVICE_1, Status.SUCCEEDED));
    }

    @Test
    void theBoardAtAnyMomentAgreesWithTheLedgersStateAt() {
        List<Instant> moments = new ArrayList<>();
        for (EnvironmentInput environment : input.environments()) {
            environment.history().forEach(run -> {
                moments.add(run.started());
                run.results().forEach(r -> moments.add(r.at()));
            });
        }
        assertThat(moments).hasSizeGreaterThan(20);
        for (Instant moment : moments) {
            Board then = Board.at(input, moment, Board.DEFAULT_HISTORY_LIMIT);
            for (int e = 0; e < then.environments().size(); e++) {
                String environment = then.environments().get(e).name();
                Map<String, String> board = new TreeMap<>();
                for (BoardRow row : then.rows()) {
                    row.cell(e)
                            .ifPresent(c -> board.put(
                                    row.artifactId(),
                                    c.state().version() + " " + c.state().at()));
                }
                Map<String, String> ledgerSays = new TreeMap<>();
                ledger.stateAt(environment, moment)
                        .artifacts()
                        .forEach(a -> ledgerSays.put(
                                a.artifactId(),
                                a.artifact().version() + " " + a.deployment().time()));
                assertThat(board).as("%s at %s", environment, moment).isEqualTo(ledgerSays);
            }
        }
    }

    @Test
    void theLedgersBoardFollowsTheSchema() throws Exception {
        assertThat(BoardJsonTest.schemaErrors(BoardJson.write(Board.of(input, 2))))
                .isEmpty();
    }

    @Test
    void givenEnvironmentsAreReadInTheGivenOrder() {
        BoardInput chosen = new LedgerBoardSource(
                        Ledger.open(directory), List.of(PRODUCTION, STAGING), Clock.systemUTC(), warnings::add)
                .read();

        assertThat(chosen.environments()).extracting(EnvironmentInput::name).containsExactly(PRODUCTION, STAGING);
    }

    @Test
    void anEmptyLedgerDirectoryGivesAnEmptyBoard() {
        BoardInput empty = new LedgerBoardSource(
                        Ledger.open(directory.resolve("nothing-yet")), List.of(), Clock.systemUTC(), warnings::add)
                .read();

        assertThat(empty.environments()).isEmpty();
    }

    private Map<String, ArtifactState> cells(String environment) {
        return input.environment(environment).orElseThrow().artifacts().stream()
                .collect(Collectors.toMap(ArtifactState::artifactId, s -> s));
    }
}
