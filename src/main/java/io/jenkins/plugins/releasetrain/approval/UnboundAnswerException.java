package io.jenkins.plugins.releasetrain.approval;

/**
 * An answer that cannot count as an answer to a release's approval prompt, with the reason in words for the
 * build log: nobody answered that prompt, it was asked with other words, it was answered twice, or the answer
 * says nothing.
 */
public final class UnboundAnswerException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnboundAnswerException(String message) {
        super(message);
    }
}
