package io.jenkins.plugins.releasetrain.ledger;

/** The ledger cannot be read or written; the message says what and where, for the person running the release. */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
