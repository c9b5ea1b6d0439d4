package io.jenkins.plugins.releasetrain.board;

/** A board input that cannot be read; the message names the file and the field, and says what to fix. */
public final class BoardInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BoardInputException(String message) {
        super(message);
    }

    public BoardInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
