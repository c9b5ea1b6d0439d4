package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * A freeze that comes back every week, from {@code start} to the next {@code end} on the wall clock of
 * {@code timeZone}: {@code Friday 18:00} to {@code Monday 08:00}. A window may run over the end of the week
 * ({@code Sunday 22:00} to {@code Monday 06:00}) and lasts less than a week.
 */
public record WeeklyFreeze(String name, WeeklyTime start, WeeklyTime end, ZoneId timeZone) implements FreezeWindow {

    public WeeklyFreeze {
        Names.requireName("freezeWindows.name", "a freeze window's name", name);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(timeZone, "timeZone");
        if (start.equals(end)) {
            throw new RuleViolation(
                    "freezeWindows.end",
                    "the freeze window '" + name + "' ends when it starts (" + start + ")",
                    "give it an end later in the week");
        }
    }

    @Override
    public Optional<FreezePeriod> periodAt(Instant instant) {
        LocalDate today = instant.atZone(timeZone).toLocalDate();
        LocalDate latestStart = today.with(TemporalAdjusters.previousOrSame(start.day()));
        // A window is shorter than a week, so only the occurrences starting this week or last can hold it.
        for (LocalDate startDate : new LocalDate[] {latestStart, latestStart.minusWeeks(1)}) {
            Optional<FreezePeriod> period = periodStartingOn(startDate).filter(p -> p.contains(instant));
            if (period.isPresent()) {
                return period;
            }
        }
        return Optional.empty();
    }

    private Optional<FreezePeriod> periodStartingOn(LocalDate startDate) {
        LocalDateTime from = startDate.atTime(start.time());
        LocalDateTime until =
                startDate.with(TemporalAdjusters.nextOrSame(end.day())).atTime(end.time());
        if (!until.isAfter(from)) {
            until = until.plusWeeks(1);
        }
        return FreezePeriod.between(
                name, WallClock.earliest(from, timeZone), WallClock.latest(until, timeZone), timeZone);
    }
}
