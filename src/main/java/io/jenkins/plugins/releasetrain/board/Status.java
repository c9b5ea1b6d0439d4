package io.jenkins.plugins.releasetrain.board;

import java.util.Arrays;
import java.util.Optional;

/** Where an artifact (or a whole run) of an environment stands; the board shows one per cell. */
public enum Status {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    RUNNING("running"),
    PENDING_APPROVAL("pending-approval");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The name used in {@code board.json}, the URL hash and the CLI. */
    public String label() {
        return label;
    }

    public static Optional<Status> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
