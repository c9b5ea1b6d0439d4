package io.jenkins.plugins.releasetrain.board;

import static io.jenkins.plugins.releasetrain.board.ExampleLedger.LICENSE;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.MICROSERVICE_1;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.PORTAL;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.PRODUCTION;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.PRODUCTION_JOB;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.STAGING;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.STAGING_JOB;
import static io.jenkins.plugins.releasetrain.board.ExampleLedger.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
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
        assertThat(license.liveVersion()).isEqualTo("77e5368b50c42384093c754055e3856b4a2dfa6e");
        assertThat(license.liveDisplayVersion()).contains("77e5368b50c4");
        assertThat(license.failure())
                .as("why it failed: the message and the end of its output")
                .isEqualTo("exit 1\nverifying licence server\nlicence server unreachable");
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
    void aLiveCellSaysWhatItsVersionBroughtOverTheVersionDeployedBeforeIt() throws Exception {
        List<String> asked = new ArrayList<>();
        BoardInput read = new LedgerBoardSource(
                        Ledger.open(directory), List.of(), Clock.fixed(NOW, ZoneOffset.UTC), warnings::add)
                .withChanges((before, live) -> {
                    asked.add(live.id() + " " + before.version() + ".." + live.version());
                    return Optional.of(new CellChanges("2 commits", List.of("c0ffee000000  Fix the footer"), 1));
                })
                .read();
        Map<String, ArtifactState> staging = read.environment(STAGING).orElseThrow().artifacts().stream()
                .collect(Collectors.toMap(ArtifactState::artifactId, s -> s));

        assertThat(staging.get(PORTAL).changes())
                .isEqualTo(new CellChanges("2 commits", List.of("c0ffee000000  Fix the footer"), 1));
        assertThat(asked)
                .as("asked once per live cell deployed over another version, from that version to the live one")
                .allSatisfy(a -> {
                    String[] range = a.split(" ")[1].split("\\.\\.");
                    assertThat(range[0]).isNotEqualTo(range[1]);
                })
                .anyMatch(a -> a.startsWith(PORTAL + " ")
                        && a.endsWith(".." + staging.get(PORTAL).version()));
        assertThat(staging.get(LICENSE).changes())
                .as("a failed attempt brought nothing live")
                .isNull();
        assertThat(BoardJsonTest.schemaErrors(BoardJson.write(Board.of(read, 2))))
                .isEmpty();
        assertThat(BoardJson.write(Board.of(read, 2))).contains("\"changes\":{\"summary\":\"2 commits\"");
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

    @Test
    void cellsRunsAndApprovalsLinkToTheBuildTheirRunRecorded() {
        Map<String, ArtifactState> staging = cells(STAGING);

        assertThat(staging.get(PORTAL).url())
                .as("deployed by s2, found unchanged by s3")
                .isEqualTo(page("s2"));
        assertThat(staging.get(LICENSE).url()).as("failed again in s3").isEqualTo(page("s3"));
        assertThat(staging.get(MICROSERVICE_1).url()).isEqualTo(page("s3"));
        Map<String, String> runPages = new TreeMap<>();
        input.environment(STAGING).orElseThrow().history().forEach(run -> runPages.put(run.runId(), run.url()));
        assertThat(runPages)
                .containsEntry("s1", page("s1"))
                .containsEntry("s3", page("s3"))
                .containsEntry("s0", null);
        assertThat(input.environment(PRODUCTION).orElseThrow().pendingApprovals())
                .singleElement()
                .extracting(PendingApproval::url)
                .isEqualTo(page("p2") + "input/");
        assertThat(cells(PRODUCTION).values())
                .filteredOn(c -> c.status() == Status.PENDING_APPROVAL)
                .allSatisfy(c -> assertThat(c.url()).isEqualTo(page("p2")));
    }

    @Test
    void aReaderSeesOnlyTheRunsOfTheJobsTheyMayRead() {
        BoardInput staging = readAs(origin -> STAGING_JOB.equals(origin.job()));

        assertThat(staging.environments())
                .as("production has runs, none of which this reader may see")
                .extracting(EnvironmentInput::name)
                .containsExactly(STAGING);
        assertThat(staging.environment(STAGING).orElseThrow().history())
                .extracting(HistoryEntry::runId)
                .as("s0 ran from the command line")
                .containsExactly("s1", "s2", "s3");
        assertThat(staging.environment(STAGING).orElseThrow().artifacts())
                .as("s0 deployed one artifact, and s1 deployed it again")
                .hasSameSizeAs(ledger.state(STAGING).artifacts());
    }

    @Test
    void namedEnvironmentsStayAsEmptyColumnsWhenTheReaderMaySeeNothingThere() {
        BoardInput named = new LedgerBoardSource(
                        Ledger.open(directory),
                        List.of(STAGING, PRODUCTION),
                        access(origin -> STAGING_JOB.equals(origin.job())),
                        Clock.systemUTC(),
                        warnings::add)
                .read();

        EnvironmentInput production = named.environment(PRODUCTION).orElseThrow();
        assertThat(production.artifacts()).isEmpty();
        assertThat(production.history()).isEmpty();
        assertThat(production.pendingApprovals()).isEmpty();
        assertThat(production.shortName())
                .as("nothing it may see says the short name")
                .isEqualTo(PRODUCTION);
    }

    @Test
    void aCellIsLeftOutWhenARunTheReaderMayNotSeeMadeItsVersionLive() {
        BoardInput withoutS3 = readAs(origin -> origin.job() != null && !"3".equals(origin.build()));
        Map<String, ArtifactState> staging = withoutS3.environment(STAGING).orElseThrow().artifacts().stream()
                .collect(Collectors.toMap(ArtifactState::artifactId, s -> s));

        assertThat(staging).as("s3 deployed it").doesNotContainKey(MICROSERVICE_1);
        assertThat(staging)
                .as("s3 found it unchanged: it is live as part of s3's release")
                .doesNotContainKey(PORTAL);
        ArtifactState license = staging.get(LICENSE);
        assertThat(license.status())
                .as("its last attempt (s3) is hidden; what is live came from s1")
                .isEqualTo(Status.SUCCEEDED);
        assertThat(license.version()).isEqualTo("77e5368b50c42384093c754055e3856b4a2dfa6e");
        assertThat(license.url()).isEqualTo(page("s1"));
        assertThat(withoutS3.environment(STAGING).orElseThrow().history())
                .extracting(HistoryEntry::runId)
                .containsExactly("s1", "s2");
    }

    @Test
    void aWaitingRunTheReaderMayNotSeeLeavesWhatIsLive() {
        BoardInput withoutP2 = readAs(origin -> !PRODUCTION_JOB.equals(origin.job()) || "1".equals(origin.build()));
        EnvironmentInput production = withoutP2.environment(PRODUCTION).orElseThrow();

        assertThat(production.pendingApprovals()).isEmpty();
        assertThat(production.artifacts())
                .hasSameSizeAs(ledger.state(PRODUCTION).artifacts())
                .allSatisfy(cell -> {
                    assertThat(cell.status()).isEqualTo(Status.SUCCEEDED);
                    assertThat(cell.url()).isEqualTo(page("p1"));
                });
        assertThat(production.history())
                .singleElement()
                .extracting(HistoryEntry::runId)
                .isEqualTo("p1");
    }

    @Test
    void aFilteredBoardFollowsTheSchema() throws Exception {
        BoardInput staging = readAs(origin -> STAGING_JOB.equals(origin.job()));

        assertThat(BoardJsonTest.schemaErrors(BoardJson.write(Board.of(staging, 2))))
                .isEmpty();
    }

    @Test
    void aRunWithADamagedRecordSaysSoInTheHistoryAndTheIntactOnesDoNot() throws Exception {
        Path file = directory.resolve(STAGING + ".jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int damaged = -1;
        for (int i = 0; i < lines.size() && damaged < 0; i++) {
            if (lines.get(i).contains("\"type\":\"artifact-result\"")
                    && lines.get(i).contains("\"runId\":\"s1\"")) {
                damaged = i;
            }
        }
        lines.set(damaged, lines.get(damaged).replace("exit 0", "exit 7"));
        Files.write(file, lines);

        BoardInput read = readAs(origin -> true);
        Map<String, HistoryEntry> runs = new LinkedHashMap<>();
        read.environment(STAGING).orElseThrow().history().forEach(run -> runs.put(run.runId(), run));

        assertThat(runs.get("s1").damage()).contains("1 ledger record written during this run could not be read");
        assertThat(runs.values())
                .filteredOn(run -> !run.runId().equals("s1"))
                .allSatisfy(run -> assertThat(run.damage()).isNull());
        assertThat(BoardJsonTest.schemaErrors(BoardJson.write(Board.of(read, 10))))
                .isEmpty();
    }

    private BoardInput readAs(Predicate<RunOrigin> canSee) {
        return new LedgerBoardSource(
                        Ledger.open(directory), List.of(), access(canSee), Clock.systemUTC(), warnings::add)
                .read();
    }

    /** A reader who may see the runs {@code canSee} admits, linked as the ledger recorded. */
    private static RunAccess access(Predicate<RunOrigin> canSee) {
        return new RunAccess() {
            @Override
            public boolean canSee(RunOrigin origin) {
                return canSee.test(origin);
            }

            @Override
            public Optional<String> page(RunOrigin origin) {
                return Optional.ofNullable(origin.url());
            }
        };
    }

    private Map<String, ArtifactState> cells(String environment) {
        return input.environment(environment).orElseThrow().artifacts().stream()
                .collect(Collectors.toMap(ArtifactState::artifactId, s -> s));
    }
}
