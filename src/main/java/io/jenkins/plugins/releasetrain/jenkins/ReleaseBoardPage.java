package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionList;
import io.jenkins.plugins.releasetrain.board.Board;
import io.jenkins.plugins.releasetrain.board.BoardAssets;
import io.jenkins.plugins.releasetrain.board.BoardInput;
import io.jenkins.plugins.releasetrain.board.BoardJson;
import io.jenkins.plugins.releasetrain.board.LedgerBoardSource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * What the board view and the global board share: the board document as the current user may see it, the
 * front end's files, and the palette of Jenkins' theme. Its {@code board.jelly} is the page fragment both
 * include, with an instance of this class as {@code it} ({@code <st:include it="${it.boardPage}" .../>}): a
 * view that named this class by string would have it loaded by the request thread's class loader, which on a
 * top-level page is the web application's and cannot see the plugin.
 */
public final class ReleaseBoardPage {

    private static final Logger LOGGER = Logger.getLogger(ReleaseBoardPage.class.getName());
    private static final ReleaseBoardPage FRAGMENT = new ReleaseBoardPage();

    private ReleaseBoardPage() {}

    /** The board fragment, for the pages that include it. It holds nothing: the page sets {@code boardUrl}. */
    static ReleaseBoardPage fragment() {
        return FRAGMENT;
    }

    /**
     * Writes {@code board.json} from the configured ledger, with only what the current user may see.
     *
     * @param environments the columns in promotion order, or empty for the configured environments (or, when
     *     none are configured, those in the ledger)
     */
    static void writeBoard(StaplerRequest2 req, StaplerResponse2 rsp, List<String> environments, int historyLimit)
            throws IOException {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        List<String> columns = environments.isEmpty()
                ? configuration.getEnvironments().stream()
                        .map(ReleaseEnvironment::getName)
                        .toList()
                : environments;
        BoardInput input = new LedgerBoardSource(
                        configuration.ledger(),
                        columns,
                        new JobRunAccess(req.getContextPath()),
                        Clock.systemUTC(),
                        warning -> LOGGER.log(Level.FINE, warning))
                .withChanges(configuration.boardChanges())
                .withDeclared(configuration.boardDeclared())
                .read();
        byte[] json = BoardJson.write(Board.of(input, historyLimit)).getBytes(StandardCharsets.UTF_8);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(json);
        }
    }

    /** Writes the front-end file named by the rest of the URL, or answers 404 for anything else. */
    static void writeAsset(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Optional<String> name = assetName(req.getRestOfPath());
        if (name.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] bytes = BoardAssets.read(name.get());
        rsp.setContentType(BoardAssets.contentType(name.get()).orElseThrow());
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        // a plugin update changes the files under the same names
        rsp.setHeader("Cache-Control", "no-cache");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(bytes);
        }
    }

    /**
     * The asset a request path names ({@code /board.js}): only the front end's own files, looked up in the
     * fixed list, so no path reaches anything else. The standalone page is not served: Jenkins has its own.
     */
    static Optional<String> assetName(String restOfPath) {
        String name = restOfPath.startsWith("/") ? restOfPath.substring(1) : restOfPath;
        if (name.equals(BoardAssets.INDEX) || !BoardAssets.names().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * {@code dark} or {@code light} when Jenkins' theme says for sure which the page is, or null: the board
     * then follows the page's colours itself. Read by {@code board.jelly}.
     */
    @CheckForNull
    public String getTheme() {
        return ExtensionList.lookup(ReleaseBoardTheme.class).stream()
                .map(ReleaseBoardTheme::palette)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
