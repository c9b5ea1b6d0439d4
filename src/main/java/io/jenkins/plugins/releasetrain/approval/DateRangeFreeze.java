package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** A one-off freeze on the wall clock of {@code timeZone}: {@code 2026-12-19 00:00} until {@code 2027-01-04 08:00}. */
public record DateRangeFreeze(String name, LocalDateTime start, LocalDateTime end, ZoneId timeZone)
        implements FreezeWindow {

    public DateRangeFreeze {
        Names.requireName("freezeWindows.name", "a freeze window's name", name);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(timeZone, "timeZone");
        if (!end.isAfter(start)) {
            throw new RuleViolation(
                    "freezeWindows.end",
                    "the freeze window '" + name + "' ends (" + end + ") before it starts (" + start + ")",
                    "swap start and end, or fix the dates");
        }
    }

    @Override
    public Optional<FreezePeriod> periodAt(Instant instant) {
        return FreezePeriod.between(
                        name, WallClock.earliest(start, timeZone), WallClock.latest(end, timeZone), timeZone)
                .filter(period -> period.contains(instant));
    }
}
