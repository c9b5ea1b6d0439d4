package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.board.ArtifactState;
import io.jenkins.plugins.releasetrain.board.Board;
import io.jenkins.plugins.releasetrain.board.BoardCell;
import io.jenkins.plugins.releasetrain.board.BoardEnvironment;
import io.jenkins.plugins.releasetrain.board.BoardInput;
import io.jenkins.plugins.releasetrain.board.BoardInputException;
import io.jenkins.plugins.releasetrain.board.BoardInputJson;
import io.jenkins.plugins.releasetrain.board.BoardJson;
import io.jenkins.plugins.releasetrain.board.BoardRow;
import io.jenkins.plugins.releasetrain.board.BoardServer;
import io.jenkins.plugins.releasetrain.board.BoardSite;
import io.jenkins.plugins.releasetrain.board.BoardSource;
import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.board.LedgerBoardSource;
import io.jenkins.plugins.releasetrain.board.PendingApproval;
import io.jenkins.plugins.releasetrain.board.Status;
import io.jenkins.plugins.releasetrain.changelog.ChangelogBoardChanges;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.gitops.DeclaredReleasesCache;
import io.jenkins.plugins.releasetrain.gitops.GitDeclaredReleases;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.ManifestPathPattern;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code release-train board}: the release board of a ledger, served on 127.0.0.1, written as a static site,
 * or summed up on the terminal.
 */
@Command(
        name = "board",
        description = {
            "Show the release board: every artifact's version in every environment, drift between neighbouring"
                    + " environments, and each environment's history.",
            "Without --serve or --out, prints a summary (or board.json with --format json)."
        },
        mixinStandardHelpOptions = true)
public final class BoardCommand extends CliCommand {

    @Option(
            names = "--ledger",
            paramLabel = "DIR",
            description = "The ledger directory to read (columns ordered dev, test, staging, production..."
                    + " unless --environments says otherwise).")
    private Path ledger;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "A board input JSON file (format in docs/board.md) instead of a ledger.")
    private Path input;

    @Option(
            names = "--serve",
            paramLabel = "PORT",
            description = "Serve the board on http://127.0.0.1:PORT/ until interrupted (0 picks a free port).")
    private Integer serve;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the board as a static site into DIR.")
    private Path out;

    @Option(
            names = "--environments",
            paramLabel = "NAME",
            split = ",",
            description = "Only these environments, in this promotion order (default: all, in the source's order).")
    private List<String> environments;

    @Option(
            names = "--history",
            paramLabel = "N",
            defaultValue = "" + Board.DEFAULT_HISTORY_LIMIT,
            description = "Runs of history kept per environment (default: ${DEFAULT-VALUE}).")
    private int history;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description = "Summarize what was live at TIME (UTC, e.g. 2026-05-01T12:00:00Z) instead of now;"
                    + " the served board has its own 'Live at' field.")
    private String at;

    @Mixin
    private ChangelogCommandOptions changes;

    @Mixin
    private GitAccessOptions gitAccess;

    @Option(
            names = "--manifests-repo",
            paramLabel = "URL|PATH",
            description = "The git repository of the release manifests: each environment then says where its"
                    + " manifest declares something else than what runs there (after a rollback, say).")
    private String manifestsRepo;

    @Option(
            names = "--path-pattern",
            paramLabel = "PATTERN",
            defaultValue = "releases/{env}.yaml",
            description = "With --manifests-repo: where each environment's manifest is (default: ${DEFAULT-VALUE}).")
    private String pathPattern;

    @Option(
            names = "--base",
            paramLabel = "BRANCH",
            description = "With --manifests-repo: the branch to read (default: the remote's HEAD, or the checked-out"
                    + " branch).")
    private String base;

    /** The manifests' repository, open while the board is made or served. */
    private ManifestRepository manifests;

    @Override
    protected int run(Terminal terminal) throws Exception {
        try {
            return board(terminal);
        } catch (GitOpsException e) {
            terminal.err().println("release-train board: --manifests-repo: " + e.getMessage());
            return GitCommand.exitCode(e);
        } finally {
            if (manifests != null) {
                manifests.close();
            }
        }
    }

    /**
     * What git declares, for a served board: read again at most once a minute, so that the drift goes away once the
     * fix is merged, without a fetch per request. Read once now, so an unreachable repository is said at once.
     */
    private DeclaredReleases servedDeclared(Terminal terminal) {
        DeclaredReleasesCache cache = new DeclaredReleasesCache(
                RepositoryLocation.parse(manifestsRepo),
                gitAccess::access,
                new ManifestPathPattern(pathPattern),
                Optional.ofNullable(base),
                DeclaredReleasesCache.DEFAULT_MAX_AGE,
                Clock.systemUTC(),
                once(terminal));
        cache.fetchNow();
        return environment -> cache.current().of(environment);
    }

    private int board(Terminal terminal) throws Exception {
        Optional<String> usage = usageProblem();
        if (usage.isPresent()) {
            terminal.err().println("release-train board: " + usage.get());
            return ExitCode.INVALID;
        }
        BoardSource source;
        if (ledger != null) {
            LedgerBoardSource fromLedger =
                    new LedgerBoardSource(Ledger.open(ledger), List.of(), Clock.systemUTC(), once(terminal));
            if (changes.readsRegistry()) {
                terminal.err()
                        .println("release-train board: the board lists what deployments brought; it reads no image"
                                + " registry, so --registry does not apply");
                return ExitCode.INVALID;
            }
            if (changes.wanted()) {
                try {
                    fromLedger = fromLedger.withChanges(
                            new ChangelogBoardChanges(changes.changelogs(gitAccess.access(), ImageOrigins.NONE)));
                } catch (IllegalArgumentException e) {
                    terminal.err().println("release-train board: " + e.getMessage());
                    return ExitCode.INVALID;
                }
            }
            if (manifestsRepo != null && serve != null) {
                try {
                    fromLedger = fromLedger.withDeclared(servedDeclared(terminal));
                } catch (IllegalArgumentException e) {
                    terminal.err().println("release-train board: --base: " + e.getMessage());
                    return ExitCode.INVALID;
                }
            } else if (manifestsRepo != null) {
                manifests = ManifestRepository.open(RepositoryLocation.parse(manifestsRepo), gitAccess.access());
                String branch =
                        Optional.ofNullable(base).or(manifests::defaultBranch).orElse("HEAD");
                fromLedger = fromLedger.withDeclared(new GitDeclaredReleases(
                        manifests, new ManifestPathPattern(pathPattern), branch, once(terminal)));
            }
            source = fromLedger;
        } else if (changes.wanted() || manifestsRepo != null) {
            if (manifestsRepo != null) {
                terminal.err()
                        .println("release-train board: --manifests-repo compares git with the ledger; give --ledger");
                return ExitCode.INVALID;
            }
            terminal.err().println("release-train board: --changes reads the ledger's history; give --ledger");
            return ExitCode.INVALID;
        } else {
            source = BoardInputJson.source(input);
        }
        Instant moment;
        Board board;
        try {
            moment = at == null ? null : Instant.parse(at);
            board = board(source, moment);
        } catch (DateTimeParseException e) {
            terminal.err()
                    .println("release-train board: --at " + at + " is not a UTC time such as 2026-05-01T12:00:00Z");
            return ExitCode.INVALID;
        } catch (BoardInputException | LedgerException | IllegalArgumentException e) {
            terminal.err().println("release-train board: " + e.getMessage());
            return ExitCode.INVALID;
        }
        if (serve != null) {
            return serve(terminal, source);
        }
        if (out != null) {
            List<Path> files = BoardSite.write(out, BoardJson.write(board));
            terminal.out().println("Wrote the release board (" + files.size() + " files) to " + out);
            terminal.out()
                    .println("Browsers only run its scripts over http: serve the directory with any web server,"
                            + " or use --serve.");
            return ExitCode.OK;
        }
        if (json()) {
            printJson(terminal, BoardJson.document(board));
        } else {
            summarize(terminal, board);
        }
        return ExitCode.OK;
    }

    private Optional<String> usageProblem() {
        if ((ledger == null) == (input == null)) {
            return Optional.of("give exactly one of --ledger DIR or --input FILE");
        }
        if (serve != null && out != null) {
            return Optional.of("give --serve PORT or --out DIR, not both");
        }
        if (serve != null && (serve < 0 || serve > 65535)) {
            return Optional.of("--serve " + serve + " is not a port (0 to 65535; 0 picks a free one)");
        }
        if (at != null && (serve != null || out != null)) {
            return Optional.of("--at only applies to the summary; the served board has its own 'Live at' field");
        }
        if (history < 1) {
            return Optional.of("--history must be at least 1");
        }
        if (input != null && !Files.isRegularFile(input)) {
            return Optional.of("no board input file at " + input);
        }
        if (ledger != null && !Files.isDirectory(ledger)) {
            return Optional.of("no ledger directory at " + ledger);
        }
        return Optional.empty();
    }

    private Board board(BoardSource source, Instant moment) throws IOException {
        BoardInput read = source.read();
        BoardInput selected = environments == null ? read : read.select(environments);
        return moment == null ? Board.of(selected, history) : Board.at(selected, moment, history);
    }

    private int serve(Terminal terminal, BoardSource source) throws IOException {
        BoardServer started;
        try {
            started = BoardServer.start(serve, () -> BoardJson.write(board(source, null)));
        } catch (java.net.BindException e) {
            terminal.err()
                    .println("release-train board: port " + serve + " on 127.0.0.1 is already in use;"
                            + " give another port, or --serve 0 to pick a free one");
            return ExitCode.INVALID;
        }
        try (BoardServer server = started) {
            terminal.out().println("Serving the release board at " + server.uri() + " (Ctrl+C to stop)");
            terminal.out().flush();
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    /** People read times to the second, with their zone (UTC): no nanoseconds in human output. */
    private static String seconds(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void summarize(Terminal terminal, Board board) {
        List<BoardRow> rows = board.rows().stream().filter(r -> !r.isEmpty()).toList();
        terminal.out()
                .println(terminal.bold("Release board") + "  "
                        + ValidateCommand.count(board.environments().size(), "environment") + ", "
                        + ValidateCommand.count(rows.size(), "artifact")
                        + board.pointInTime()
                                .map(t -> ", live at " + seconds(t))
                                .orElse(", generated " + seconds(board.generatedAt())));
        terminal.out().println();
        TextTable table =
                new TextTable("ENVIRONMENT", "ARTIFACTS", "FAILED", "RUNNING", "AWAITING", "DRIFTED", "LAST RUN");
        for (int e = 0; e < board.environments().size(); e++) {
            BoardEnvironment environment = board.environments().get(e);
            List<BoardCell> cells = new ArrayList<>();
            for (BoardRow row : rows) {
                row.cell(e).ifPresent(cells::add);
            }
            table.row(
                    environment.name(),
                    Integer.toString(cells.size()),
                    count(cells, Status.FAILED),
                    count(cells, Status.RUNNING),
                    Long.toString(environment.pendingApprovals().stream()
                            .filter(PendingApproval::waiting)
                            .count()),
                    Long.toString(cells.stream().filter(BoardCell::drifted).count()),
                    environment.history().isEmpty()
                            ? "-"
                            : environment.history().get(0).runId() + " "
                                    + environment.history().get(0).status().label());
        }
        table.print(terminal);
        List<String> drift = new ArrayList<>();
        for (BoardRow row : rows) {
            for (int e = 1; e < board.environments().size(); e++) {
                int environment = e;
                row.cell(e)
                        .filter(BoardCell::drifted)
                        .ifPresent(cell -> drift.add(
                                driftLine(row, row.cell(environment - 1).orElseThrow(), cell, board, environment)));
            }
        }
        if (!drift.isEmpty()) {
            terminal.out().println();
            terminal.out().println(terminal.yellow("Drift between neighbouring environments (" + drift.size() + "):"));
            drift.forEach(terminal.out()::println);
        }
    }

    /** What is live on either side, and the attempt under way or failed when the cell shows one. */
    private static String driftLine(BoardRow row, BoardCell upstream, BoardCell cell, Board board, int environment) {
        ArtifactState state = cell.state();
        String attempt = state.status() == Status.SUCCEEDED
                ? ""
                : "  (" + state.status().label() + ": " + state.displayVersion() + ")";
        return "  " + row.artifactId() + "  " + cell.driftFrom() + " "
                + upstream.state().liveDisplayVersion().orElse("-") + " -> "
                + board.environments().get(environment).name() + " "
                + state.liveDisplayVersion().orElse("-") + attempt;
    }

    /** Ledger warnings on stderr, each once however often a served board re-reads the ledger. */
    private static Consumer<String> once(Terminal terminal) {
        Set<String> told = ConcurrentHashMap.newKeySet();
        return warning -> {
            if (told.add(warning)) {
                terminal.err().println(terminal.yellow(warning));
                terminal.err().flush();
            }
        };
    }

    private static String count(List<BoardCell> cells, Status status) {
        return Long.toString(
                cells.stream().filter(c -> c.state().status() == status).count());
    }
}
