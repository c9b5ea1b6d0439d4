package io.jenkins.plugins.releasetrain.plan;

/**
 * A run its {@link RunGate} stopped under the lock, such as a release rejected a moment before it would
 * have started. Nothing ran and nothing was recorded.
 */
public class RunRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RunRefusedException(String message) {
        super(message);
    }
}
