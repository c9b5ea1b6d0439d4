package io.jenkins.plugins.releasetrain.notify;

import java.util.Optional;

/** What happened to a release, as notifications name it. */
public enum EventType {
    AWAITING_APPROVAL("awaiting-approval"),
    APPROVED("approved"),
    REJECTED("rejected"),
    FROZEN("frozen"),
    STARTED("started"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    VERIFICATION_FAILED("verification-failed"),
    ROLLED_BACK("rolled-back"),
    HOTFIX("hotfix");

    /** The prefix of every CloudEvents {@code type} this sends (reverse DNS, as the specification asks). */
    public static final String CLOUD_EVENT_PREFIX = "io.jenkins.plugins.releasetrain.release.";

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    /** {@code awaiting-approval}, {@code verification-failed}: what policy files and payloads say. */
    public String label() {
        return label;
    }

    /** The CloudEvents {@code type}: {@code io.jenkins.plugins.releasetrain.release.failed}. */
    public String cloudEventType() {
        return CLOUD_EVENT_PREFIX + label;
    }

    public static Optional<EventType> of(String label) {
        for (EventType type : values()) {
            if (type.label.equals(label)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
