package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.testing.HeadlessChromium;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board in a real browser (Debian chromium, headless) against the real server, with generated inputs:
 * what the cells say, filters, drift, history and point in time, the keyboard, themes and escaping. Every
 * expectation comes from the engine's own model of the same input. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTools({"chromium", "chromedriver"})
class BoardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int HISTORY_LIMIT = 3;
    private static final DateTimeFormatter CELL_TIME =
            DateTimeFormatter.ofPattern("MMM d, hh:mm a", Locale.US).withZone(ZoneOffset.UTC);

    private final List<BoardServer> servers = new ArrayList<>();
    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private BoardInput input;
    private Board board;
    private BoardServer server;
    private Board medium;
    private BoardServer mediumServer;
    private int loads;

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start(1440, 900);
        driver = chromium.driver();
        input = BoardInputGenerator.small().generate();
        board = Board.of(input, HISTORY_LIMIT);
        server = serve(board);
        medium = Board.of(
                new BoardInputGenerator(8, 10, 30, 6, 6, 30, 5L, List.of("alice", "bob")).generate(),
                Board.DEFAULT_HISTORY_LIMIT);
        mediumServer = serve(medium);
    }

    @AfterAll
    void stop() {
        servers.forEach(BoardServer::close);
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void noErrorsInTheConsole() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors)
                .as("console errors, Content-Security-Policy violations included")
                .isEmpty();
    }

    @Test
    void everyCellShowsVersionStatusWhenAndWhoAsTheModelSays() {
        open(server, "");

        Map<String, Map<String, Object>> cells = renderedCells();

        int checked = 0;
        for (BoardRow row : board.rows().stream().filter(r -> !r.isEmpty()).toList()) {
            for (int e = 0; e < board.environments().size(); e++) {
                String environment = board.environments().get(e).name();
                Map<String, Object> cell = cells.get(row.artifactId() + " @ " + environment);
                assertThat(cell)
                        .as("%s in %s is drawn", row.artifactId(), environment)
                        .isNotNull();
                String text = normalized(cell.get("text"));
                Optional<BoardCell> expected = row.cell(e);
                if (expected.isEmpty()) {
                    assertThat(text).contains("not in " + environment);
                    continue;
                }
                ArtifactState state = expected.get().state();
                assertThat(text)
                        .as("%s in %s", row.artifactId(), environment)
                        .contains(state.displayVersion(), state.status().label().replace('-', ' '))
                        .contains(CELL_TIME.format(state.at()) + " · " + state.by());
                assertThat(cell.get("status")).isEqualTo(state.status().label());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(60);
        assertThat(text(By.id("rt-count"))).isEqualTo("15 artifacts");
        chromium.screenshot(SCREENSHOTS.resolve("board-light.png"));
    }

    @Test
    void highlightsDriftAgainstThePreviousEnvironment() {
        open(server, "#status=drifted");

        Map<String, Map<String, Object>> cells = renderedCells();

        List<String> drifted = board.rows().stream()
                .filter(BoardRow::drifted)
                .map(BoardRow::artifactId)
                .toList();
        assertThat(drifted).isNotEmpty();
        assertThat(renderedArtifacts()).containsExactlyElementsOf(drifted);
        for (BoardRow row : board.rows().stream().filter(BoardRow::drifted).toList()) {
            for (int e = 0; e < board.environments().size(); e++) {
                Map<String, Object> cell = cells.get(
                        row.artifactId() + " @ " + board.environments().get(e).name());
                Optional<String> from = row.cell(e).flatMap(BoardCell::driftSource);
                assertThat(cell.get("className").toString().contains("rt-cell--drift"))
                        .as("%s in environment %d", row.artifactId(), e)
                        .isEqualTo(from.isPresent());
                if (from.isPresent()) {
                    String upstream = board.environments().get(e - 1).shortName();
                    assertThat(cell.get("driftFrom")).isEqualTo(from.get());
                    assertThat(normalized(cell.get("text"))).contains("differs from " + upstream);
                }
            }
        }
    }

    @Test
    void filtersByProductStatusAndTextAndKeepsThemInTheLink() {
        open(server, "");

        new Select(driver.findElement(By.id("rt-product"))).selectByValue("catalog");
        waitUntil(() -> driver.getCurrentUrl().contains("#product=catalog"));
        assertThat(renderedArtifacts()).hasSize(5).allMatch(id -> id.startsWith("catalog/"));
        assertThat(text(By.id("rt-count"))).isEqualTo("5 of 15 artifacts");

        new Select(driver.findElement(By.id("rt-product"))).selectByValue("");
        new Select(driver.findElement(By.id("rt-status"))).selectByValue("failed");
        waitUntil(() -> driver.getCurrentUrl().endsWith("#status=failed"));
        List<String> failed = board.rows().stream()
                .filter(row -> row.cells().stream()
                        .flatMap(Optional::stream)
                        .anyMatch(c -> c.state().status() == Status.FAILED))
                .map(BoardRow::artifactId)
                .toList();
        assertThat(failed).isNotEmpty();
        assertThat(renderedArtifacts()).containsExactlyElementsOf(failed);

        new Select(driver.findElement(By.id("rt-status"))).selectByValue("");
        BoardRow target = board.rows().get(3);
        String version = target.cell(0).orElseThrow().state().displayVersion();
        driver.findElement(By.id("rt-text")).sendKeys(version.toUpperCase(Locale.ROOT));
        waitUntil(() -> driver.getCurrentUrl().contains("q="));
        List<String> matching = board.rows().stream()
                .filter(row -> row.cells().stream()
                        .flatMap(Optional::stream)
                        .anyMatch(c -> c.state().version().contains(version)))
                .map(BoardRow::artifactId)
                .toList();
        assertThat(renderedArtifacts()).containsExactlyElementsOf(matching).contains(target.artifactId());
        chromium.screenshot(SCREENSHOTS.resolve("board-filtered.png"));

        String link = driver.getCurrentUrl();
        open(server, link.substring(link.indexOf('#')));
        assertThat(driver.findElement(By.id("rt-text")).getDomProperty("value"))
                .isEqualTo(version.toUpperCase(Locale.ROOT));
        assertThat(renderedArtifacts()).containsExactlyElementsOf(matching);
    }

    @Test
    void anEnvironmentHeaderOpensItsHistoryAndARunIsDeepLinked() {
        BoardEnvironment test = board.environments().get(1);
        open(server, "");

        driver.findElement(By.cssSelector(".rt-env-button[data-environment='" + test.name() + "']"))
                .click();

        assertThat(text(By.id("rt-panel-title"))).isEqualTo("History of " + test.name());
        assertThat(text(By.cssSelector(".rt-panel-body > p")))
                .isEqualTo("The newest " + HISTORY_LIMIT + " of " + test.historyTotal() + " runs, newest first.");
        List<String> runs = driver.findElements(By.cssSelector(".rt-run")).stream()
                .map(button -> button.getDomAttribute("data-run"))
                .toList();
        assertThat(runs)
                .containsExactlyElementsOf(
                        test.history().stream().map(HistoryEntry::runId).toList());

        HistoryEntry run = test.history().get(1);
        driver.findElement(By.cssSelector(".rt-run[data-run='" + run.runId() + "']"))
                .click();
        waitUntil(() -> driver.getCurrentUrl().contains("run=" + run.runId()));
        assertThat(driver.getCurrentUrl()).contains("env=" + test.name());
        assertThat(text(By.id("rt-run-title"))).isEqualTo("Run " + run.runId());
        assertThat(resultArtifacts())
                .containsExactlyElementsOf(
                        run.results().stream().map(ArtifactResult::artifactId).toList());
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("rt-run-title");
        chromium.screenshot(SCREENSHOTS.resolve("board-history.png"));

        String link = driver.getCurrentUrl();
        open(server, link.substring(link.indexOf('#')));
        assertThat(text(By.id("rt-run-title"))).isEqualTo("Run " + run.runId());
        assertThat(driver.findElement(By.cssSelector(".rt-run[aria-current='true']"))
                        .getDomAttribute("data-run"))
                .isEqualTo(run.runId());
    }

    @Test
    void pointInTimeShowsWhatWasLiveThenAsTheEngineSays() {
        Instant latestStart = board.environments().stream()
                .map(e -> e.earliestPointInTime().orElse(Instant.MIN))
                .max(Comparator.naturalOrder())
                .orElseThrow();
        List<Instant> moments = board.environments().stream()
                .flatMap(e -> e.history().stream())
                .map(run -> run.endedAt().orElse(run.started()))
                .filter(moment -> !moment.isBefore(latestStart))
                .distinct()
                .sorted()
                .limit(6)
                .toList();
        assertThat(moments).hasSizeGreaterThan(2);
        for (Instant moment : moments) {
            open(server, "#at=" + moment);
            Board then = Board.at(input, moment, Board.DEFAULT_HISTORY_LIMIT);
            Map<String, Map<String, Object>> cells = renderedCells();
            for (BoardRow row : then.rows().stream().filter(r -> !r.isEmpty()).toList()) {
                for (int e = 0; e < then.environments().size(); e++) {
                    Map<String, Object> cell = cells.get(row.artifactId() + " @ "
                            + then.environments().get(e).name());
                    assertThat(cell).as("%s at %s", row.artifactId(), moment).isNotNull();
                    String expected = row.cell(e)
                            .map(c -> c.state().displayVersion())
                            .orElse("not in " + then.environments().get(e).name());
                    assertThat(normalized(cell.get("text")))
                            .as(
                                    "%s in %s at %s",
                                    row.artifactId(), then.environments().get(e).name(), moment)
                            .contains(expected);
                    assertThat(cell.get("driftFrom"))
                            .isEqualTo(
                                    row.cell(e).flatMap(BoardCell::driftSource).orElse(null));
                }
            }
            assertThat(text(By.cssSelector(".rt-banner"))).startsWith("Showing what was live at");
        }
    }

    @Test
    void aRunOrTheTimeFieldMovesTheWholeBoardInTime() {
        BoardEnvironment production = board.environments().get(3);
        HistoryEntry run = production.history().stream()
                .filter(r -> r.endedAt().isPresent())
                .findFirst()
                .orElseThrow();
        open(server, "#env=" + production.name() + "&run=" + run.runId());

        driver.findElement(By.id("rt-show-at")).click();

        waitUntil(() -> driver.getCurrentUrl().contains("at="));
        assertThat(driver.getCurrentUrl())
                .contains("at=" + run.ended().toString().replace(":", "%3A"));
        assertThat(text(By.cssSelector(".rt-banner"))).contains("Showing what was live at");
        List<String> unknown = driver.findElements(By.cssSelector(".rt-env-button")).stream()
                .filter(b -> b.getText().contains("no history then"))
                .map(b -> b.getDomAttribute("data-environment"))
                .toList();
        List<String> expectedUnknown = board.environments().stream()
                .filter(e -> e.earliestPointInTime()
                        .filter(start -> start.isAfter(run.ended()))
                        .isPresent())
                .map(BoardEnvironment::name)
                .toList();
        assertThat(unknown).containsExactlyElementsOf(expectedUnknown);
        chromium.screenshot(SCREENSHOTS.resolve("board-point-in-time.png"));

        driver.executeScript("const field = document.getElementById('rt-at'); field.value = '2026-03-07T12:30';"
                + " field.dispatchEvent(new Event('change', {bubbles: true}));");
        waitUntil(() -> driver.getCurrentUrl().contains("at=2026-03-07T12%3A30%3A00.000Z"));

        driver.findElement(By.id("rt-now")).click();
        waitUntil(() -> !driver.getCurrentUrl().contains("at="));
        assertThat(driver.findElement(By.cssSelector(".rt-banner")).isDisplayed())
                .isFalse();
    }

    @Test
    void theKeyboardReachesTheGridMovesWithArrowsAndOpensCellsAndHistories() {
        open(server, "");
        Actions keys = new Actions(driver);

        keys.sendKeys("/").perform();
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("rt-text");

        for (int i = 0; i < 20 && !inGrid(); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(inGrid()).as("Tab reaches the grid").isTrue();
        assertThat(position()).isEqualTo(List.of("2", "1"));

        keys.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_RIGHT).perform();
        BoardRow first = board.rows().get(0);
        assertThat(position()).isEqualTo(List.of("3", "2"));
        assertThat(activeArtifact()).isEqualTo(first.artifactId());
        keys.sendKeys(Keys.END).perform();
        assertThat(position()).isEqualTo(List.of("3", "5"));
        keys.sendKeys(Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform();
        assertThat(position()).isEqualTo(List.of("3", "3"));
        chromium.screenshot(SCREENSHOTS.resolve("board-keyboard-focus.png"));

        keys.sendKeys(Keys.ENTER).perform();
        String environment = board.environments().get(1).name();
        assertThat(text(By.id("rt-panel-title"))).isEqualTo(first.artifactId() + " in " + environment);
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("rt-panel-title");
        assertThat(driver.getCurrentUrl())
                .contains("artifact=" + first.artifactId().replace("/", "%2F"));

        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(driver.findElement(By.id("rt-panel")).isDisplayed()).isFalse();
        assertThat(position()).as("Escape returns to the cell").isEqualTo(List.of("3", "3"));

        keys.sendKeys(Keys.ARROW_UP, Keys.ARROW_UP).perform();
        assertThat(driver.switchTo().activeElement().getDomAttribute("data-environment"))
                .isEqualTo(environment);
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(text(By.id("rt-panel-title"))).isEqualTo("History of " + environment);

        keys.sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label"))
                .isEqualTo("Close the panel");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(driver.findElement(By.id("rt-panel")).isDisplayed()).isFalse();
    }

    @Test
    void aLargeBoardDrawsOnlyTheRowsInViewAndTheKeyboardReachesItsEnds() {
        open(mediumServer, "");
        List<BoardRow> rows = medium.rows().stream().filter(r -> !r.isEmpty()).toList();
        int displayRows = rows.size() + medium.products().size();

        assertThat(driver.findElement(By.cssSelector("[role='grid']")).getDomAttribute("aria-rowcount"))
                .isEqualTo(Integer.toString(displayRows + 1));
        assertThat(renderedRowCount()).isLessThan(40);

        driver.executeScript("document.querySelector('.rt-body [tabindex=\"0\"]').focus()");
        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.END)
                .keyUp(Keys.CONTROL)
                .perform();
        BoardRow last = rows.get(rows.size() - 1);
        int lastEnvironment = medium.environments().size() - 1;
        assertThat(position())
                .isEqualTo(List.of(Integer.toString(displayRows + 1), Integer.toString(lastEnvironment + 2)));
        assertThat(activeArtifact()).isEqualTo(last.artifactId());
        assertThat(normalized(driver.switchTo().activeElement().getText()))
                .contains(last.cell(lastEnvironment).orElseThrow().state().displayVersion());
        assertThat(renderedRowCount()).isLessThan(40);

        new Actions(driver).sendKeys(Keys.PAGE_UP).perform();
        int afterPageUp = Integer.parseInt(position().get(0));
        assertThat(afterPageUp).isBetween(displayRows - 15, displayRows - 3);

        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.HOME)
                .keyUp(Keys.CONTROL)
                .perform();
        assertThat(position()).isEqualTo(List.of("2", "1"));
        assertThat(((Number) driver.executeScript("return document.querySelector('.rt-scroller').scrollTop"))
                        .intValue())
                .isZero();
    }

    @Test
    void runsAndCellsLinkToTheBuildThatRanThem() {
        BoardEnvironment environment = board.environments().get(1);
        HistoryEntry linked = environment.history().stream()
                .filter(run -> run.url() != null)
                .findFirst()
                .orElseThrow();
        HistoryEntry unlinked = environment.history().stream()
                .filter(run -> run.url() == null)
                .findFirst()
                .orElseThrow();

        open(server, "#env=" + environment.name() + "&run=" + linked.runId());
        assertThat(driver.findElement(By.cssSelector(".rt-run-detail a.rt-link"))
                        .getDomAttribute("href"))
                .isEqualTo(linked.url());

        open(server, "#env=" + environment.name() + "&run=" + unlinked.runId());
        assertThat(driver.findElements(By.cssSelector(".rt-run-detail a")))
                .as("a run from the command line has no build")
                .isEmpty();

        BoardRow row = board.rows().stream()
                .filter(r -> r.cell(1).filter(c -> c.state().url() != null).isPresent())
                .findFirst()
                .orElseThrow();
        open(
                server,
                "#artifact=" + URLEncoder.encode(row.artifactId(), StandardCharsets.UTF_8) + "&env="
                        + environment.name());
        WebElement build = driver.findElement(By.cssSelector(".rt-panel-body a.rt-link"));
        assertThat(build.getText()).isEqualTo("Open the build");
        assertThat(build.getDomAttribute("href"))
                .isEqualTo(row.cell(1).orElseThrow().state().url());
    }

    @Test
    void darkThemeComesFromTheAttributeTheSystemOrJenkinsAndStaysReadable() {
        open(server, "#env=" + board.environments().get(1).name());
        assertThat(boardBackground()).isEqualTo("rgb(255, 255, 255)");
        assertReadable("light");

        driver.executeScript("document.querySelector('[data-release-board]').dataset.theme = 'dark'");
        assertThat(luminance(boardBackground())).isLessThan(0.15);
        assertReadable("dark attribute");
        chromium.screenshot(SCREENSHOTS.resolve("board-dark.png"));

        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            open(server, "");
            assertThat(driver.findElement(By.cssSelector("[data-release-board]"))
                            .getDomAttribute("data-theme"))
                    .isNull();
            assertThat(luminance(boardBackground())).isLessThan(0.15);
            assertReadable("system dark");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }

        open(server, "");
        Object theme = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const root = document.querySelector('[data-release-board]');"
                + "document.documentElement.style.setProperty('--background', '#202124');"
                + "document.documentElement.style.setProperty('--text-color', '#d6d6d6');"
                + "import('./board.js').then(m => m.mount(root)).then(() => done(root.dataset.theme));");
        assertThat(theme).as("the theme follows Jenkins' --background").isEqualTo("dark");
        assertThat(boardBackground()).isEqualTo("rgb(32, 33, 36)");
        assertReadable("Jenkins dark variables");
    }

    @Test
    void followsJenkinsThemesWhoseColoursAreWrittenInOklch() {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            // core's light theme, and a light background in oklch: both light whatever the system prefers
            assertThat(themeUnder(Map.of("--background", "rgb(254 254 254)", "--text-color", JENKINS_TEXT)))
                    .isEqualTo("light");
            assertReadable("Jenkins light on a dark system");
            assertThat(themeUnder(Map.of("--background", "oklch(0.97 0.01 250)", "--text-color", JENKINS_TEXT)))
                    .isEqualTo("light");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
        // the dark-theme plugin's background and text, relative to Jenkins' --white
        assertThat(themeUnder(Map.of(
                        "--background", "oklch(from var(--white) 0.175 0.013 h)", "--text-color", "var(--white)")))
                .isEqualTo("dark");
        assertReadable("Jenkins dark theme on a light system");
    }

    @Test
    void showsHostileValuesAsTextAndFollowsOnlyWebLinks() throws IOException {
        String actor = "<img src=x onerror=\"window.pwned=1\">";
        String artifact = "shop/deploy/<svg onload=window.pwned=2>";
        ArtifactState state = new ArtifactState(
                artifact,
                "shop",
                ArtifactKind.DEPLOYMENT,
                "abc",
                null,
                "<b>1.0</b>",
                Status.SUCCEEDED,
                "r1",
                BoardInputGenerator.START,
                actor);
        ArtifactState scripted = new ArtifactState(
                "shop/deploy/api",
                "shop",
                ArtifactKind.DEPLOYMENT,
                "def",
                null,
                null,
                Status.SUCCEEDED,
                "r1",
                BoardInputGenerator.START,
                "alice",
                null,
                "javascript:window.pwned=4");
        EnvironmentInput production = new EnvironmentInput(
                "production",
                "prod",
                List.of(state, scripted),
                List.of(),
                List.of(
                        new PendingApproval("r2", List.of(actor), 1, "javascript:window.pwned=3"),
                        new PendingApproval("r3", List.of(), 2, "https://jenkins.example.com/job/x/input/")));
        BoardServer hostile = serve(Board.of(new BoardInput(BoardInputGenerator.START, List.of(production)), 10));

        open(hostile, "#env=production");

        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector(".rt-board img, .rt-board svg, .rt-board b")))
                .isEmpty();
        assertThat(normalized(renderedCells().get(artifact + " @ production").get("text")))
                .contains(actor);
        assertThat(text(By.cssSelector("[data-artifact] .rt-label")).replace('\n', ' '))
                .contains("<svg onload=window.pwned=2>");
        List<WebElement> links = driver.findElements(By.cssSelector(".rt-approvals a"));
        assertThat(links).hasSize(1);
        assertThat(links.get(0).getDomAttribute("href")).isEqualTo("https://jenkins.example.com/job/x/input/");
        assertThat(text(By.cssSelector(".rt-approvals"))).contains("approved by " + actor);

        open(hostile, "#artifact=shop%2Fdeploy%2Fapi&env=production");
        assertThat(text(By.id("rt-panel-title"))).isEqualTo("shop/deploy/api in production");
        assertThat(driver.findElements(By.cssSelector(".rt-panel-body a"))).isEmpty();
        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void aCellsDetailsSayWhatItsVersionBroughtAsText(@TempDir Path directory) throws IOException {
        ExampleLedger.write(directory);
        LedgerBoardSource source = new LedgerBoardSource(Ledger.open(directory), List.of(), Clock.systemUTC(), w -> {})
                .withChanges((before, live) -> Optional.of(new CellChanges(
                        "2 commits",
                        List.of(
                                "c0ffee000001  2026-08-02  Alice Author  PORTAL-7 fix the login redirect (#41)  [#41 PORTAL-7]",
                                "c0ffee000002  2026-08-03  Mallory  <img src=x onerror=alert(1)>"),
                        3)));
        BoardServer served = BoardServer.start(0, () -> BoardJson.write(Board.of(source.read(), 50)));
        servers.add(served);

        open(
                served,
                "#artifact=" + URLEncoder.encode(ExampleLedger.PORTAL, StandardCharsets.UTF_8) + "&env="
                        + ExampleLedger.STAGING);

        assertThat(text(By.cssSelector(".rt-changes h4"))).isEqualTo("What it brought: 2 commits");
        assertThat(driver.findElements(By.cssSelector(".rt-changes li")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly(
                        "c0ffee000001  2026-08-02  Alice Author  PORTAL-7 fix the login redirect (#41)  [#41 PORTAL-7]",
                        "c0ffee000002  2026-08-03  Mallory  <img src=x onerror=alert(1)>",
                        "and 3 more");
        assertThat(driver.findElements(By.cssSelector(".rt-changes img")))
                .as("a subject stays text")
                .isEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("board-cell-changes.png"));
    }

    @Test
    void aBoardServedFromARealLedgerShowsWhatTheLedgerSays(@TempDir Path directory) throws IOException {
        Ledger ledger = ExampleLedger.write(directory);
        LedgerBoardSource source = new LedgerBoardSource(Ledger.open(directory), List.of(), Clock.systemUTC(), w -> {});
        BoardServer served = BoardServer.start(0, () -> BoardJson.write(Board.of(source.read(), 50)));
        servers.add(served);

        open(served, "");

        Map<String, Map<String, Object>> cells = renderedCells();
        for (LiveArtifact live : ledger.state(ExampleLedger.STAGING).artifacts()) {
            String text = normalized(
                    cells.get(live.artifactId() + " @ " + ExampleLedger.STAGING).get("text"));
            if (live.artifactId().equals(ExampleLedger.LICENSE)) {
                assertThat(text).contains("88e5368b50c4", "failed", "bob");
            } else {
                assertThat(text).as(live.artifactId()).contains(live.artifact().displayVersion(), "succeeded");
            }
        }
        Map<String, String> liveInProduction = new LinkedHashMap<>();
        Map<String, String> liveShown = new LinkedHashMap<>();
        ledger.state(ExampleLedger.PRODUCTION).artifacts().forEach(a -> {
            liveInProduction.put(a.artifactId(), a.artifact().version());
            liveShown.put(a.artifactId(), a.artifact().displayVersion());
        });
        int waiting = 0;
        for (Artifact artifact : ExampleLedger.PRODUCTION_NEXT.release().artifacts()) {
            Map<String, Object> cell = cells.get(artifact.id() + " @ " + ExampleLedger.PRODUCTION);
            String text = normalized(cell.get("text"));
            if (artifact.version().equals(liveInProduction.get(artifact.id()))) {
                assertThat(text).as(artifact.id()).contains("succeeded");
                assertThat(cell.get("driftFrom")).isNull();
            } else {
                waiting++;
                // The headline is what is live (what drift compares); the attempt follows it.
                assertThat(text)
                        .as(artifact.id())
                        .startsWith(liveShown.getOrDefault(artifact.id(), "none live"))
                        .contains("→ " + artifact.displayVersion() + " pending approval", "differs from stage-us");
                assertThat(cell.get("driftFrom")).isEqualTo(ExampleLedger.STAGING);
            }
        }
        assertThat(waiting).isEqualTo(5);
        // The product's row is flagged too: 1.9.0-rc1 live in production, rc3 in staging.
        assertThat(normalized(
                        text(By.cssSelector(".rt-row--product [data-drift-from='" + ExampleLedger.STAGING + "']"))))
                .contains("1.9.0-rc1")
                .containsPattern("differs from\\s+stage-us");
        assertThat(text(By.cssSelector(".rt-legend")))
                .contains("what is live here differs from what is live in env")
                .contains("times in ");
        assertThat(text(By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.PRODUCTION + "']")))
                .contains("prod-us", "1 awaiting approval");
        chromium.screenshot(SCREENSHOTS.resolve("board-ledger.png"));

        driver.findElement(By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.PRODUCTION + "']"))
                .click();
        assertThat(text(By.cssSelector(".rt-approvals li")))
                .contains("approved by bob")
                .doesNotContain("more approval");
        assertThat(driver.findElements(By.cssSelector(".rt-run")).stream()
                        .map(b -> normalized(b.getText().replace('\n', ' ')))
                        .toList())
                .satisfiesExactly(
                        p2 -> assertThat(p2).startsWith("run p2 pending approval"),
                        p1 -> assertThat(p1).startsWith("run p1 succeeded"));

        driver.findElement(By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.STAGING + "']"))
                .click();
        driver.findElement(By.cssSelector(".rt-run[data-run='s0']")).click();
        waitUntil(() -> driver.getCurrentUrl().contains("run=s0"));
        assertThat(text(By.cssSelector(".rt-run-detail"))).contains("cancelled");
        driver.findElement(By.cssSelector(".rt-run[data-run='s3']")).click();
        waitUntil(() -> driver.getCurrentUrl().contains("run=s3"));
        assertThat(text(By.cssSelector(".rt-results li[data-artifact='" + ExampleLedger.PORTAL + "']")))
                .contains("unchanged");
    }

    @Test
    void anEnvironmentWhoseManifestInGitSaysOtherwiseIsFlaggedNowButNotInThePast(@TempDir Path directory)
            throws IOException {
        ExampleLedger.write(directory);
        LedgerBoardSource source = new LedgerBoardSource(Ledger.open(directory), List.of(), Clock.systemUTC(), w -> {})
                .withDeclared(environment -> environment.equals(ExampleLedger.PRODUCTION)
                        ? java.util.Optional.of(new DeclaredReleases.Declared(
                                "main:releases/production-us-east-2.yaml", ExampleLedger.PRODUCTION_NEXT.release()))
                        : java.util.Optional.empty());
        BoardServer served = BoardServer.start(0, () -> BoardJson.write(Board.of(source.read(), 50)));
        servers.add(served);

        open(served, "");

        By productionHeader = By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.PRODUCTION + "']");
        By stagingHeader = By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.STAGING + "']");
        assertThat(text(productionHeader)).contains("git ≠ live");
        assertThat(text(stagingHeader)).doesNotContain("git");
        assertThat(driver.findElement(By.cssSelector(".rt-badge--git")).getDomAttribute("title"))
                .contains("git (main:releases/production-us-east-2.yaml) declares release "
                        + ExampleLedger.PRODUCTION_NEXT.release().id().shortForm())
                .contains("artifacts differ");
        chromium.screenshot(SCREENSHOTS.resolve("board-git-drift.png"));
        driver.findElement(productionHeader).click();
        assertThat(text(By.cssSelector(".rt-git-drift")))
                .startsWith("Git and " + ExampleLedger.PRODUCTION + " disagree: git (main:releases/");

        open(served, "#at=" + ExampleLedger.T0.plus(Duration.ofDays(30)));
        assertThat(text(productionHeader))
                .as("git says what is wanted now, not then")
                .doesNotContain("git");
    }

    @Test
    void aBoardWithoutEnvironmentsSaysHowItFillsIn() throws IOException {
        BoardServer empty = serve(Board.of(new BoardInput(BoardInputGenerator.START, List.of()), 10));

        open(empty, "");

        assertThat(text(By.cssSelector(".rt-empty-board"))).startsWith("No release has been recorded yet");
        assertThat(driver.findElements(By.cssSelector("[role='grid']"))).isEmpty();
    }

    // --- helpers

    /** Jenkins' text colour as core defines it: --black, relative to the accent colour. */
    private static final String JENKINS_TEXT = "oklch(from oklch(55% 0.2308 256.91) 5% 0.075 h)";

    /** Mounts the board again under the given Jenkins variables and answers the theme it chose. */
    private Object themeUnder(Map<String, String> variables) {
        open(server, "");
        StringBuilder script = new StringBuilder("const done = arguments[arguments.length - 1];"
                + "const root = document.querySelector('[data-release-board]'); delete root.dataset.theme;"
                + "const style = document.documentElement.style; style.setProperty('--white', '#fff');");
        variables.forEach((name, value) -> script.append("style.setProperty('")
                .append(name)
                .append("', '")
                .append(value)
                .append("');"));
        script.append("import('./board.js').then(m => m.mount(root)).then(() => done(root.dataset.theme || null));");
        return driver.executeAsyncScript(script.toString());
    }

    private BoardServer serve(Board served) throws IOException {
        String json = BoardJson.write(served);
        BoardServer started = BoardServer.start(0, () -> json);
        servers.add(started);
        return started;
    }

    /** A full page load (the query changes each time), waiting until the board is drawn. */
    @Test
    void aBoardOfOneEnvironmentSaysSoInTheSingular(@TempDir Path directory) throws IOException {
        ExampleLedger.write(directory);
        LedgerBoardSource source = new LedgerBoardSource(
                Ledger.open(directory), List.of(ExampleLedger.STAGING), Clock.systemUTC(), w -> {});
        BoardServer served = BoardServer.start(0, () -> BoardJson.write(Board.of(source.read(), 50)));
        servers.add(served);

        open(served, "");

        assertThat(text(By.cssSelector(".rt-header .rt-muted"))).startsWith("1 environment · generated ");
    }

    @Test
    void onAPhoneBothEnvironmentsFitBesideTheArtifactsAndTheFiltersAreFolded(@TempDir Path directory)
            throws IOException {
        ExampleLedger.write(directory);
        LedgerBoardSource source = new LedgerBoardSource(Ledger.open(directory), List.of(), Clock.systemUTC(), w -> {});
        BoardServer served = BoardServer.start(0, () -> BoardJson.write(Board.of(source.read(), 50)));
        servers.add(served);
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open(served, "");
            long viewport = ((Number) driver.executeScript("return document.documentElement.clientWidth")).longValue();
            WebElement production = driver.findElement(
                    By.cssSelector(".rt-env-button[data-environment='" + ExampleLedger.PRODUCTION + "']"));
            Map<?, ?> box = (Map<?, ?>) driver.executeScript(
                    "const r = arguments[0].closest('[role=columnheader]').getBoundingClientRect();"
                            + " return {right: r.right, top: r.top};",
                    production);
            assertThat(((Number) box.get("right")).doubleValue())
                    .as("production's column is on the first screen, not off to the right")
                    .isLessThanOrEqualTo(viewport);
            assertThat(((Number) box.get("top")).doubleValue())
                    .as("the board starts near the top, not under the filters")
                    .isLessThan(260);
            assertThat(driver.findElement(By.id("rt-text")).isDisplayed())
                    .as("filters folded")
                    .isFalse();
            driver.findElement(By.cssSelector(".rt-filters-toggle")).click();
            assertThat(driver.findElement(By.id("rt-text")).isDisplayed())
                    .as("one tap shows them")
                    .isTrue();
            driver.findElement(By.cssSelector(".rt-filters-toggle")).click();
            chromium.screenshot(SCREENSHOTS.resolve("board-390px.png"));
        } finally {
            driver.manage().window().setSize(new Dimension(1440, 900));
        }
    }

    private void open(BoardServer target, String hash) {
        driver.get(target.uri() + "?load=" + ++loads + hash);
        waitUntil(() -> {
            String state =
                    driver.findElement(By.cssSelector("[data-release-board]")).getDomAttribute("data-state");
            assertThat(state).as("the board loads").isNotEqualTo("error");
            return "ready".equals(state);
        });
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> condition.getAsBoolean());
    }

    private String text(By locator) {
        return normalized(driver.findElement(locator).getText());
    }

    /**
     * Every artifact cell of the board, keyed "artifact @ environment": the grid only draws the rows in
     * view, so this scrolls through it, half a screen at a time, and reads what each screen drew.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> renderedCells() {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> cell :
                (List<Map<String, Object>>) scrollThrough().get("cells")) {
            byKey.put((String) cell.get("key"), cell);
        }
        return byKey;
    }

    /** The artifacts of the board's rows, top to bottom. */
    @SuppressWarnings("unchecked")
    private List<String> renderedArtifacts() {
        return (List<String>) scrollThrough().get("rows");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scrollThrough() {
        return (Map<String, Object>) driver.executeAsyncScript(String.join(
                "\n",
                "const done = arguments[arguments.length - 1];",
                "const scroller = document.querySelector('.rt-scroller');",
                "const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));",
                "const cells = new Map(); const rows = new Map();",
                "(async () => {",
                "  scroller.scrollTop = 0; await frame();",
                "  for (let screen = 0; screen < 500; screen += 1) {",
                "    for (const row of document.querySelectorAll('.rt-body [data-artifact]')) {",
                "      rows.set(Number(row.dataset.index), row.dataset.artifact);",
                "      for (const c of row.querySelectorAll('[role=gridcell]')) {",
                "        const key = row.dataset.artifact + ' @ ' + c.dataset.environment;",
                "        cells.set(key, { key, text: c.innerText + ' ' + c.textContent, className: c.className,",
                "          status: c.dataset.status || null, driftFrom: c.dataset.driftFrom || null });",
                "      }",
                "    }",
                "    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;",
                "    scroller.scrollTop += Math.max(64, scroller.clientHeight / 2); await frame();",
                "  }",
                "  scroller.scrollTop = 0; await frame();",
                "  done({ cells: Array.from(cells.values()),",
                "    rows: Array.from(rows.entries()).sort((a, b) => a[0] - b[0]).map((e) => e[1]) });",
                "})();"));
    }

    @SuppressWarnings("unchecked")
    private List<String> resultArtifacts() {
        return (List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll('.rt-results li')).map(r => r.dataset.artifact)");
    }

    private int renderedRowCount() {
        return ((Number) driver.executeScript("return document.querySelectorAll('.rt-body [role=row]').length"))
                .intValue();
    }

    private boolean inGrid() {
        return (Boolean)
                driver.executeScript("return document.querySelector('[role=grid]').contains(document.activeElement)");
    }

    /** The focused cell as [aria-rowindex, aria-colindex]. */
    @SuppressWarnings("unchecked")
    private List<String> position() {
        return (List<String>) driver.executeScript("const cell = document.activeElement.closest('[aria-colindex]');"
                + "return [cell.closest('[role=row]').getAttribute('aria-rowindex'),"
                + " cell.getAttribute('aria-colindex')]");
    }

    private String activeArtifact() {
        return (String)
                driver.executeScript("return document.activeElement.closest('[role=row]').dataset.artifact || null");
    }

    private String boardBackground() {
        return (String) driver.executeScript(
                "return getComputedStyle(document.querySelector('[data-release-board]')).backgroundColor");
    }

    /**
     * WCAG contrast of every kind of text on the board against what is behind it: at least 4.5:1, the AA
     * level for text of this size.
     */
    @SuppressWarnings("unchecked")
    private void assertReadable(String theme) {
        List<Map<String, Object>> samples = (List<Map<String, Object>>) driver.executeAsyncScript(CONTRAST_SCRIPT);
        assertThat(samples).hasSizeGreaterThan(10);
        for (Map<String, Object> sample : samples) {
            assertThat(((Number) sample.get("ratio")).doubleValue())
                    .as("%s: %s (%s on %s)", theme, sample.get("what"), sample.get("fg"), sample.get("bg"))
                    .isGreaterThanOrEqualTo(4.5);
        }
    }

    private static final String CONTRAST_SCRIPT = String.join(
            "\n",
            "const done = arguments[arguments.length - 1];",
            "const rgb = (text) => { const v = (text.match(/[\\d.]+/g) || []).map(Number);",
            "  return text.startsWith('color(') ? v.map((x, i) => (i < 3 ? x * 255 : x)) : v; };",
            "const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };",
            "const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);",
            "const behind = (el) => { for (let e = el; e; e = e.parentElement) {",
            "  const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3); }",
            "  return [255, 255, 255]; };",
            "const selectors = ['.rt-version', '.rt-status--succeeded', '.rt-status--failed', '.rt-status--running',",
            "  '.rt-status--pending-approval', '.rt-meta', '.rt-drift', '.rt-env-short', '.rt-env-name', '.rt-badge--wait',",
            "  '.rt-artifact-name', '.rt-kind', '.rt-product-version', '.rt-field label', '.rt-count', '.rt-help summary',",
            "  '.rt-panel-head h2', '.rt-run-id', '.rt-header .rt-muted', '.rt-approvals li', '.rt-link'];",
            "const measure = () => { const samples = [];",
            "for (const selector of selectors) { for (const el of Array.from(document.querySelectorAll(selector)).slice(0, 8)) {",
            "  if (el.getClientRects().length === 0) continue;",
            "  const fg = rgb(getComputedStyle(el).color).slice(0, 3); const bg = behind(el);",
            "  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);",
            "  samples.push({ what: selector + ' ' + el.textContent.trim().slice(0, 24), fg: fg.join(','), bg: bg.join(','),",
            "    ratio: (a + 0.05) / (b + 0.05) }); } }",
            "return samples; };",
            "// colours are read once the theme's transitions have finished",
            "Promise.all(document.getAnimations().map((a) => a.finished)).then(() => done(measure()));");

    private static double luminance(String cssColor) {
        String[] parts = cssColor.replaceAll("[^0-9.,]", "").split(",");
        double r = Double.parseDouble(parts[0]) / 255;
        double g = Double.parseDouble(parts[1]) / 255;
        double b = Double.parseDouble(parts[2]) / 255;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static String normalized(Object text) {
        return text.toString()
                .replace('\u202f', ' ')
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t]+", " ")
                .trim();
    }
}
