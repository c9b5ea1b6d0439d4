package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoardTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final String API = "shop/deploy/api";
    static final String WORKER = "shop/image/shop/worker";
    static final String RELEASE = "r".repeat(64);

    @Test
    void cellsLineUpWithTheEnvironmentsInPromotionOrder() {
        BoardInput input = input(
                environment("dev", List.of(state(API, "a"))),
                environment("production", List.of(state(API, "a"), state(WORKER, "1.0"))));

        Board board = Board.of(input, 10);

        assertThat(board.environments()).extracting(BoardEnvironment::name).containsExactly("dev", "production");
        assertThat(board.products()).extracting(BoardProduct::name).containsExactly("shop");
        BoardRow worker = board.row(WORKER).orElseThrow();
        assertThat(worker.name()).isEqualTo("shop/worker");
        assertThat(worker.kind()).isEqualTo(ArtifactKind.IMAGE);
        assertThat(worker.cell(0)).isEmpty();
        assertThat(worker.cell(1)).map(c -> c.state().version()).contains("1.0");
        assertThat(board.row(API).orElseThrow().name()).isEqualTo("api");
    }

    @Test
    void flagsDriftAgainstThePreviousEnvironmentOnly() {
        BoardInput input = input(
                environment("dev", List.of(state(API, "c"))),
                environment("staging", List.of(state(API, "b"))),
                environment("production", List.of(state(API, "b"), state(WORKER, "1.0"))));

        Board board = Board.of(input, 10);

        BoardRow api = board.row(API).orElseThrow();
        assertThat(api.cell(0).orElseThrow().drifted()).isFalse();
        assertThat(api.cell(1).orElseThrow().driftSource()).contains("dev");
        assertThat(api.cell(2).orElseThrow().drifted())
                .as("production matches staging, its neighbour, even though dev moved on")
                .isFalse();
        assertThat(board.row(WORKER).orElseThrow().drifted())
                .as("an artifact missing upstream is not drift")
                .isFalse();
    }

    @Test
    void driftComparesWhatIsLiveNotWhatWasAttempted() {
        ArtifactState failedAttempt = new ArtifactState(
                        API, "shop", ArtifactKind.DEPLOYMENT, "b", null, "1.1.0", Status.FAILED, RELEASE, T0, "bob")
                .withLiveVersion("a");
        ArtifactState pending = new ArtifactState(
                        API,
                        "shop",
                        ArtifactKind.DEPLOYMENT,
                        "c",
                        null,
                        "1.2.0",
                        Status.PENDING_APPROVAL,
                        RELEASE,
                        T0,
                        "bob")
                .withLiveVersion("a");
        BoardInput input = input(
                environment("staging", List.of(failedAttempt)),
                environment("production", List.of(state(API, "a"))),
                environment("dr", List.of(pending)));

        BoardRow api = Board.of(input, 10).row(API).orElseThrow();

        assertThat(api.cell(1).orElseThrow().drifted())
                .as("staging still runs a after its attempt at b failed")
                .isFalse();
        assertThat(api.cell(2).orElseThrow().drifted())
                .as("c only waits for approval; a is live")
                .isFalse();
        assertThat(failedAttempt.liveVersion()).isEqualTo("a");
    }

    @Test
    void nothingLiveYetIsNotDrift() {
        ArtifactState firstAttempt = new ArtifactState(
                API, "shop", ArtifactKind.DEPLOYMENT, "b", null, null, Status.FAILED, RELEASE, T0, null);
        BoardInput input = input(
                environment("staging", List.of(state(API, "a"))), environment("production", List.of(firstAttempt)));

        assertThat(Board.of(input, 10).row(API).orElseThrow().drifted()).isFalse();
        assertThat(firstAttempt.live()).isEmpty();
    }

    @Test
    void pointInTimeShowsTheLastSucceededVersionAtThatMoment() {
        EnvironmentInput production = environment(
                "production",
                List.of(),
                run("1", T0, result(API, "a", Status.SUCCEEDED, T0.plusSeconds(60))),
                run("2", days(1), result(API, "b", Status.FAILED, days(1).plusSeconds(60))),
                run("3", days(2), result(API, "c", Status.SUCCEEDED, days(2).plusSeconds(60))));

        assertThat(PointInTime.liveAt(production, T0)).isEmpty();
        assertThat(versionOf(PointInTime.liveAt(production, T0.plusSeconds(60)), API))
                .as("a result counts from the moment it ended")
                .contains("a");
        assertThat(versionOf(PointInTime.liveAt(production, days(1).plus(Duration.ofHours(1))), API))
                .as("a failed attempt leaves the previous version live")
                .contains("a");
        assertThat(versionOf(PointInTime.liveAt(production, days(3)), API)).contains("c");
    }

    @Test
    void boardAtAMomentFlagsDriftAmongWhatWasLiveThen() {
        EnvironmentInput staging = environment(
                "staging",
                List.of(state(API, "c")),
                run("s1", T0, result(API, "a", Status.SUCCEEDED, T0)),
                run("s2", days(1), result(API, "b", Status.SUCCEEDED, days(1))),
                run("s3", days(3), result(API, "c", Status.SUCCEEDED, days(3))));
        EnvironmentInput production = environment(
                "production",
                List.of(state(API, "c")),
                run("p1", days(2), result(API, "b", Status.SUCCEEDED, days(2))),
                run("p2", days(4), result(API, "c", Status.SUCCEEDED, days(4))));
        BoardInput input = input(staging, production);

        Board now = Board.of(input, 10);
        Board before = Board.at(input, days(2).plusSeconds(1), 10);
        Board between = Board.at(input, days(3).plusSeconds(1), 10);

        assertThat(now.row(API).orElseThrow().drifted()).isFalse();
        assertThat(before.pointInTime()).contains(days(2).plusSeconds(1));
        assertThat(before.row(API).orElseThrow().drifted()).isFalse();
        BoardRow api = between.row(API).orElseThrow();
        assertThat(api.cell(0).orElseThrow().state().version()).isEqualTo("c");
        assertThat(api.cell(1).orElseThrow().state().version()).isEqualTo("b");
        assertThat(api.cell(1).orElseThrow().driftSource()).contains("staging");
    }

    @Test
    void historyIsCutToTheNewestRunsAndRemembersWhatOlderRunsMadeLive() {
        EnvironmentInput production = environment(
                "production",
                List.of(state(API, "c"), state(WORKER, "2.0")),
                run("1", T0, result(API, "a", Status.SUCCEEDED, T0), result(WORKER, "1.0", Status.SUCCEEDED, T0)),
                run("2", days(1), result(API, "b", Status.SUCCEEDED, days(1))),
                run("3", days(2), result(WORKER, "2.0", Status.FAILED, days(2))),
                run("4", days(3), result(WORKER, "2.0", Status.SUCCEEDED, days(3))),
                run("5", days(4), result(API, "c", Status.SUCCEEDED, days(4))));

        BoardEnvironment kept = Board.of(input(production), 2).environments().get(0);

        assertThat(kept.history()).extracting(HistoryEntry::runId).containsExactly("5", "4");
        assertThat(kept.historyTotal()).isEqualTo(5);
        assertThat(kept.historyComplete()).isFalse();
        assertThat(kept.earliestPointInTime()).contains(days(3));
        assertThat(kept.liveAtHistoryStart())
                .extracting(ArtifactState::artifactId, ArtifactState::version)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(API, "b"),
                        org.assertj.core.groups.Tuple.tuple(WORKER, "1.0"));
        BoardEnvironment whole = Board.of(input(production), 5).environments().get(0);
        assertThat(whole.historyComplete()).isTrue();
        assertThat(whole.liveAtHistoryStart()).isEmpty();
    }

    @Test
    void aCutHistoryStillAnswersEveryMomentFromItsStart() {
        BoardInput input = BoardInputGenerator.small().generate();
        Board board = Board.of(input, 2);

        for (int e = 0; e < input.environments().size(); e++) {
            EnvironmentInput environment = input.environments().get(e);
            BoardEnvironment kept = board.environments().get(e);
            Instant start = kept.earliestPointInTime().orElseThrow();
            List<Instant> moments = kept.history().stream()
                    .flatMap(run -> run.results().stream())
                    .map(ArtifactResult::at)
                    .filter(at -> !at.isBefore(start))
                    .toList();
            assertThat(moments).isNotEmpty();
            for (Instant moment : moments) {
                assertThat(versions(fromCutHistory(kept, moment)))
                        .as("%s at %s", environment.name(), moment)
                        .isEqualTo(versions(PointInTime.liveAt(environment, moment)));
            }
        }
    }

    @Test
    void productVersionIsThatOfItsMostRecentlyDeployedArtifact() {
        ArtifactState older = new ArtifactState(
                API, "shop", ArtifactKind.DEPLOYMENT, "a", null, "1.4.0", Status.SUCCEEDED, RELEASE, T0, "alice");
        ArtifactState newer = new ArtifactState(
                WORKER,
                "shop",
                ArtifactKind.IMAGE,
                "2.0",
                null,
                "1.5.0-rc1",
                Status.SUCCEEDED,
                RELEASE,
                days(1),
                "bob");
        ArtifactState waiting = new ArtifactState(
                        "shop/deploy/web",
                        "shop",
                        ArtifactKind.DEPLOYMENT,
                        "w2",
                        null,
                        "1.6.0",
                        Status.PENDING_APPROVAL,
                        RELEASE,
                        days(2),
                        "bob")
                .withLiveVersion("w1");

        Board board = Board.of(input(environment("staging", List.of(older, newer, waiting))), 10);

        assertThat(board.products().get(0).versionIn(0))
                .as("the release waiting for approval is not live")
                .contains("1.5.0-rc1");
    }

    @Test
    void keepsRowsOfArtifactsThatAreOnlyInTheHistory() {
        EnvironmentInput staging =
                environment("staging", List.of(), run("1", T0, result(WORKER, "0.9", Status.SUCCEEDED, T0)));

        BoardRow retired = Board.of(input(staging), 10).row(WORKER).orElseThrow();

        assertThat(retired.isEmpty()).isTrue();
    }

    @Test
    void selectingEnvironmentsKeepsTheGivenOrderAndNamesUnknownOnes() {
        BoardInput input = input(
                environment("dev", List.of()), environment("staging", List.of()), environment("production", List.of()));

        assertThat(input.select(List.of("production", "dev")).environments())
                .extracting(EnvironmentInput::name)
                .containsExactly("production", "dev");
        assertThatThrownBy(() -> input.select(List.of("dev", "qa")))
                .hasMessageContaining("no environment named qa")
                .hasMessageContaining("known: dev, staging, production");
    }

    @Test
    void rejectsAnEnvironmentListingAnArtifactTwice() {
        assertThatThrownBy(() -> environment("dev", List.of(state(API, "a"), state(API, "b"))))
                .hasMessageContaining("environment dev lists an artifact more than once");
    }

    @Test
    void derivesTheDisplayVersionOfACommitWhenTheSourceGivesNone() {
        ArtifactState commit = state(API, "0017ee3735f0c652c604f905523e8c3da0bfeba4");
        ArtifactState tag = state(WORKER, "2026.05.1-b100");

        assertThat(commit.displayVersion()).isEqualTo("0017ee3735f0");
        assertThat(tag.displayVersion()).isEqualTo("2026.05.1-b100");
    }

    /** What the front end does with a cut history: the starting state, then kept successes up to the moment. */
    private static Map<String, ArtifactState> fromCutHistory(BoardEnvironment environment, Instant moment) {
        Map<String, ArtifactState> live = new LinkedHashMap<>();
        environment.liveAtHistoryStart().forEach(s -> live.put(s.artifactId(), s));
        List<HistoryEntry> oldestFirst = PointInTime.inOrder(environment.history());
        for (HistoryEntry run : oldestFirst) {
            for (ArtifactResult result : run.results()) {
                ArtifactState known = live.get(result.artifactId());
                if (result.status() == Status.SUCCEEDED
                        && !result.at().isAfter(moment)
                        && (known == null || !result.at().isBefore(known.at()))) {
                    live.put(result.artifactId(), result.asStateOf(run));
                }
            }
        }
        return live;
    }

    private static Map<String, String> versions(Map<String, ArtifactState> live) {
        Map<String, String> versions = new java.util.TreeMap<>();
        live.forEach((id, state) -> versions.put(id, state.version()));
        return versions;
    }

    private static Optional<String> versionOf(Map<String, ArtifactState> live, String id) {
        return Optional.ofNullable(live.get(id)).map(ArtifactState::version);
    }

    static Instant days(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    static BoardInput input(EnvironmentInput... environments) {
        return new BoardInput(days(10), Arrays.asList(environments));
    }

    static EnvironmentInput environment(String name, List<ArtifactState> states, HistoryEntry... runs) {
        return new EnvironmentInput(name, null, states, Arrays.asList(runs), List.of());
    }

    static ArtifactState state(String id, String version) {
        return new ArtifactState(
                id, "shop", kindOf(id), version, null, "1.0.0", Status.SUCCEEDED, RELEASE, T0, "alice");
    }

    static ArtifactResult result(String id, String version, Status status, Instant at) {
        return new ArtifactResult(id, "shop", kindOf(id), version, null, "1.0.0", status, at);
    }

    static HistoryEntry run(String runId, Instant started, ArtifactResult... results) {
        Instant ended = Arrays.stream(results)
                .map(ArtifactResult::at)
                .max(Instant::compareTo)
                .orElse(started);
        boolean failed = Arrays.stream(results).anyMatch(r -> r.status() == Status.FAILED);
        return new HistoryEntry(
                runId,
                RELEASE,
                failed ? Status.FAILED : Status.SUCCEEDED,
                started,
                ended,
                "alice",
                List.of(results),
                null);
    }

    private static ArtifactKind kindOf(String id) {
        return id.contains("/image/") ? ArtifactKind.IMAGE : ArtifactKind.DEPLOYMENT;
    }
}
