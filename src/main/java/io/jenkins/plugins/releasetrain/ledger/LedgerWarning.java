package io.jenkins.plugins.releasetrain.ledger;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a ledger file that was skipped on read: a record cut off by a crash, or damage in the middle
 * of the file. Earlier and later records are unaffected.
 */
public record LedgerWarning(Path file, long line, String message) {

    public LedgerWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code ledger/production.jsonl:57: warning: ...}, like the manifest diagnostics. */
    public String format() {
        return file + ":" + line + ": warning: " + message;
    }
}
