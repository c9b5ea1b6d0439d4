package io.jenkins.plugins.releasetrain.board;

import java.io.IOException;

/**
 * Where the board's input comes from: a ledger directory, a board-input file, or the plugin's ledger.
 * Read anew for every {@code board.json} served, so a running board follows the ledger.
 */
@FunctionalInterface
public interface BoardSource {

    BoardInput read() throws IOException;
}
