package io.jenkins.plugins.releasetrain.approval;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule asks of the upstream successes its promotion order counts: that they were verified (the
 * environment's verification passed after the run), and that the content has been live there, verified when that
 * is required, for at least {@code bakeTime} before it may run here.
 */
public record VerifiedUpstream(boolean required, Optional<Duration> bakeTime) {

    /** Any success counts at once: the meaning of a rule that says neither. */
    public static final VerifiedUpstream NONE = new VerifiedUpstream(false, Optional.empty());

    public VerifiedUpstream {
        Objects.requireNonNull(bakeTime, "bakeTime");
        bakeTime.ifPresent(b -> {
            if (b.isNegative()) {
                throw new IllegalArgumentException("a bake time cannot be negative: " + b);
            }
        });
    }
}
