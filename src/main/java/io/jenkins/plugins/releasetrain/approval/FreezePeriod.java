package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** One occurrence of a freeze window: from {@code start} (inclusive) until {@code end} (exclusive). */
public record FreezePeriod(String window, ZonedDateTime start, ZonedDateTime end) {

    public FreezePeriod {
        Objects.requireNonNull(window, "window");
        if (!start.toInstant().isBefore(end.toInstant())) {
            throw new IllegalArgumentException("a freeze period ends after it starts");
        }
    }

    /** The period between two instants, or nothing when a change of clocks leaves no instant between them. */
    static Optional<FreezePeriod> between(String window, Instant start, Instant end, ZoneId zone) {
        return start.isBefore(end)
                ? Optional.of(new FreezePeriod(window, start.atZone(zone), end.atZone(zone)))
                : Optional.empty();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start.toInstant()) && instant.isBefore(end.toInstant());
    }

    /** "'weekend' (Fri 2026-10-23 18:00 CEST until Mon 2026-10-26 08:00 CET, Europe/Berlin)". */
    public String describe() {
        return "'" + window + "' (" + Wording.wallTime(start) + " until " + Wording.wallTime(end) + ", "
                + start.getZone().getId() + ")";
    }
}
