package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.testing.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long the browser takes to draw the 50-environment x 500-artifact board, read from the page's own
 * Performance API marks ({@code release-board:render}: building the rows and the grid, style and layout
 * included), next to a naive render of every row with the same cell code in the same browser, same run.
 * Run by {@code bench/board-render.sh}; not a test.
 */
public final class BoardRenderBenchmark {

    private static final int WARM_UP = 2;

    private BoardRenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        BoardInputGenerator generator = BoardInputGenerator.large();
        BoardInput input = generator.generate();
        Board board = Board.of(input, Board.DEFAULT_HISTORY_LIMIT);
        String json = BoardJson.write(board);
        Instant middle = BoardInputGenerator.START.plus(Duration.ofDays(generator.releases() - 2L));
        System.out.printf(
                Locale.ROOT,
                "board: %d environments x %d artifacts, %d runs, board.json %.1f MB%n",
                board.environments().size(),
                board.rows().size(),
                board.environments().stream().mapToInt(e -> e.history().size()).sum(),
                json.getBytes(StandardCharsets.UTF_8).length / 1e6);
        try (BoardServer server = BoardServer.start(0, () -> json);
                HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            Bench bench = new Bench(chromium.driver(), server);
            for (int i = 0; i < WARM_UP; i++) {
                bench.virtualized("");
                bench.naive();
            }
            List<Double> fetch = new ArrayList<>();
            List<Double> render = new ArrayList<>();
            List<Double> renderAt = new ArrayList<>();
            List<Double> naive = new ArrayList<>();
            List<Double> naiveNodes = new ArrayList<>();
            List<Double> virtualNodes = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                Map<String, Object> now = bench.virtualized("");
                fetch.add(number(now.get("fetch")));
                render.add(number(now.get("render")));
                virtualNodes.add(number(now.get("nodes")));
                renderAt.add(number(bench.virtualized("#at=" + middle).get("render")));
                Map<String, Object> all = bench.naive();
                naive.add(number(all.get("render")));
                naiveNodes.add(number(all.get("nodes")));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d measured iterations after %d warm-up, median (min..max) ms%n",
                    iterations,
                    WARM_UP);
            print("fetch + JSON.parse of board.json", fetch);
            print("first render, virtualized (now)", render);
            print("first render, virtualized (point in time)", renderAt);
            print("naive render of every row", naive);
            System.out.printf(
                    Locale.ROOT,
                    "DOM elements: virtualized %.0f, naive %.0f%n",
                    median(virtualNodes),
                    median(naiveNodes));
            System.out.printf(
                    Locale.ROOT,
                    "ratio naive / virtualized: %.1fx (target: virtualized under 300 ms: %s)%n",
                    median(naive) / median(render),
                    median(render) < 300 ? "met" : "MISSED");
        }
    }

    private record Bench(ChromeDriver driver, BoardServer server) {

        private static int loads;

        /** A fresh page load; returns the page's own Performance API measures. */
        @SuppressWarnings("unchecked")
        Map<String, Object> virtualized(String hash) {
            load(hash);
            return (Map<String, Object>) driver.executeScript(
                    "return { fetch: performance.getEntriesByName('release-board:fetch')[0].duration,"
                            + " render: performance.getEntriesByName('release-board:render')[0].duration,"
                            + " nodes: document.querySelectorAll('.rt-board *').length }");
        }

        /** Every row of the same board drawn at once with the grid's own cell code, timed the same way. */
        @SuppressWarnings("unchecked")
        Map<String, Object> naive() {
            load("");
            return (Map<String, Object>) driver.executeAsyncScript(String.join(
                    "\n",
                    "const done = arguments[arguments.length - 1];",
                    "Promise.all([import('./grid.js'), import('./model.js'), fetch('board.json').then((r) => r.json())])",
                    "  .then(([grid, model, doc]) => {",
                    "    const host = document.querySelector('.rt-grid-host');",
                    "    host.replaceChildren();",
                    "    performance.mark('naive-start');",
                    "    const rows = model.boardRows(doc);",
                    "    const naive = new grid.BoardGrid(host, { label: 'naive', onCell() {}, onEnvironment() {} });",
                    "    naive.environments = doc.environments;",
                    "    naive.environmentsByName = new Map(doc.environments.map((e) => [e.name, e]));",
                    "    naive.rows = rows;",
                    "    naive.grid.style.setProperty('--rt-columns', String(doc.environments.length));",
                    "    naive.body.style.height = (rows.length * grid.ROW_HEIGHT) + 'px';",
                    "    naive.renderHead();",
                    "    naive.renderAll();",
                    "    void document.body.offsetHeight;",
                    "    performance.mark('naive-end');",
                    "    const measure = performance.measure('naive', 'naive-start', 'naive-end');",
                    "    done({ render: measure.duration, nodes: host.querySelectorAll('*').length });",
                    "  });"));
        }

        private void load(String hash) {
            driver.get(server.uri() + "?load=" + ++loads + hash);
            new WebDriverWait(driver, Duration.ofSeconds(120))
                    .until(d -> "ready"
                            .equals(d.findElement(By.cssSelector("[data-release-board]"))
                                    .getDomAttribute("data-state")));
        }
    }

    private static void print(String what, List<Double> values) {
        System.out.printf(
                Locale.ROOT,
                "  %-44s %8.1f  (%.1f..%.1f)%n",
                what,
                median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
