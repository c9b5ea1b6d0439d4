package io.jenkins.plugins.releasetrain.board;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an artifact, an artifact's result or a whole run stands. A cell is one of the four {@link #CELL}
 * statuses; a run's result per artifact may also be {@code unchanged}, {@code skipped} or {@code cancelled}; a
 * run may also end {@code partial} or {@code cancelled}.
 */
public enum Status {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    RUNNING("running"),
    PENDING_APPROVAL("pending-approval"),
    /** A result: the artifact was already live with this content; nothing ran. */
    UNCHANGED("unchanged"),
    /** A result: the artifact was not tried, so this run did not release it. */
    SKIPPED("skipped"),
    /** A run: nothing failed but some artifacts were skipped. */
    PARTIAL("partial"),
    /**
     * A run: stopped before it finished, or never recorded its end before the next run began. A result: the
     * artifact's work was started, then stopped when the run was interrupted.
     */
    CANCELLED("cancelled");

    /** What a cell may say. */
    public static final Set<Status> CELL = EnumSet.of(SUCCEEDED, FAILED, RUNNING, PENDING_APPROVAL);
    /** What a run's result for one artifact may say. */
    public static final Set<Status> RESULT = EnumSet.complementOf(EnumSet.of(PARTIAL));
    /** What a run may say. */
    public static final Set<Status> RUN = EnumSet.complementOf(EnumSet.of(UNCHANGED, SKIPPED));

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The name used in {@code board.json}, the URL hash and the CLI. */
    public String label() {
        return label;
    }

    /** Whether the artifact is live with the result's version afterwards. */
    public boolean isLive() {
        return this == SUCCEEDED || this == UNCHANGED;
    }

    public static Optional<Status> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    static List<String> labels(Set<Status> statuses) {
        return statuses.stream().map(Status::label).toList();
    }

    static Status require(Status status, Set<Status> allowed, String what) {
        if (!allowed.contains(status)) {
            throw new IllegalArgumentException(
                    what + " cannot be " + status.label() + "; it is one of " + String.join(", ", labels(allowed)));
        }
        return status;
    }
}
