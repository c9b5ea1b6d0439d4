package io.jenkins.plugins.releasetrain.ledger;

/** A line of a ledger file that is not a complete, intact record; the reader turns it into a warning. */
final class CorruptRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message) {
        super(message);
    }
}
