package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FreezeWindowsTest {

    @Test
    void daysMakeAWeeklyWindow() {
        assertThat(FreezeWindows.of("weekend", "Friday 18:00", "mon 08:00", "Europe/Berlin"))
                .isEqualTo(new WeeklyFreeze(
                        "weekend",
                        new WeeklyTime(DayOfWeek.FRIDAY, LocalTime.of(18, 0)),
                        new WeeklyTime(DayOfWeek.MONDAY, LocalTime.of(8, 0)),
                        ZoneId.of("Europe/Berlin")));
    }

    @Test
    void datesMakeAOneOffWindow() {
        assertThat(FreezeWindows.of("year-end", "2026-12-19", "2027-01-04 08:00", "Europe/Berlin"))
                .isEqualTo(new DateRangeFreeze(
                        "year-end",
                        LocalDateTime.of(2026, 12, 19, 0, 0),
                        LocalDateTime.of(2027, 1, 4, 8, 0),
                        ZoneId.of("Europe/Berlin")));
    }

    @Test
    void saysWhatIsWrongWithEachText() {
        assertThatThrownBy(() -> FreezeWindows.of("w", "Friday 18:00", "2027-01-04", "UTC"))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("must both be days of the week");
        assertThatThrownBy(() -> FreezeWindows.of("w", "Fryday 18:00", "Monday 08:00", "UTC"))
                .hasMessageContaining("did you mean Friday?");
        assertThatThrownBy(() -> FreezeWindows.of("w", "Friday 18:00", "Monday 08:00", "Europe/Berln"))
                .hasMessageStartingWith("'Europe/Berln' is not a time zone");
        assertThatThrownBy(() -> FreezeWindows.of("w", "", "Monday 08:00", "UTC"))
                .hasMessageStartingWith("a freeze window needs a start");
        assertThatThrownBy(() -> FreezeWindows.of("w", "2027-01-04", "2026-12-19", "UTC"))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> FreezeWindows.checkMoment("2026-13-01")).hasMessageContaining("is not a date");
    }
}
