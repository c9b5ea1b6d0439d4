package io.jenkins.plugins.releasetrain.plan;

/**
 * A run that cannot start as asked: a missing handler, nothing to resume. Nothing has run and nothing was
 * recorded; the message says what to change.
 */
public class InvalidRunException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidRunException(String message) {
        super(message);
    }
}
