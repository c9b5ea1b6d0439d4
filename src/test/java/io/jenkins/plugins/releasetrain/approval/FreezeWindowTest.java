package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freeze windows on the wall clock of their zone, across changes of clocks. Instants are written in UTC and
 * commented with the local time; a window computed with a fixed offset gets at least one row of each group
 * wrong.
 */
class FreezeWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private static final FreezeWindow BERLIN_WEEKEND = weekly("Friday 18:00", "Monday 08:00", BERLIN);
    private static final FreezeWindow NEW_YORK_WEEKEND = weekly("Fri 17:00", "mon 09:00", NEW_YORK);

    @ParameterizedTest(name = "{0}")
    @MethodSource("instants")
    void tellsWhetherAnInstantIsFrozen(String behaviour, FreezeWindow window, String utc, boolean frozen) {
        assertThat(window.periodAt(Instant.parse(utc)).isPresent())
                .as(behaviour)
                .isEqualTo(frozen);
    }

    static Stream<Arguments> instants() {
        return Stream.of(
                // Europe/Berlin, autumn: clocks go back on Sunday 2026-10-25 at 03:00 CEST to 02:00 CET.
                arguments(
                        "Berlin autumn: Friday 17:59 CEST is before the weekend",
                        BERLIN_WEEKEND,
                        "2026-10-23T15:59:00Z",
                        false),
                arguments("Berlin autumn: Friday 18:00 CEST starts it", BERLIN_WEEKEND, "2026-10-23T16:00:00Z", true),
                arguments(
                        "Berlin autumn: Sunday during the repeated hour", BERLIN_WEEKEND, "2026-10-25T00:30:00Z", true),
                arguments(
                        "Berlin autumn: Monday 07:30 CET is still frozen (08:30 at summer offset)",
                        BERLIN_WEEKEND,
                        "2026-10-26T06:30:00Z",
                        true),
                arguments("Berlin autumn: Monday 07:59 CET is frozen", BERLIN_WEEKEND, "2026-10-26T06:59:00Z", true),
                arguments("Berlin autumn: Monday 08:00 CET ends it", BERLIN_WEEKEND, "2026-10-26T07:00:00Z", false),
                // Europe/Berlin, spring: clocks go forward on Sunday 2026-03-29 at 02:00 CET to 03:00 CEST.
                arguments(
                        "Berlin spring: Friday 17:59 CET is before the weekend",
                        BERLIN_WEEKEND,
                        "2026-03-27T16:59:00Z",
                        false),
                arguments("Berlin spring: Friday 18:00 CET starts it", BERLIN_WEEKEND, "2026-03-27T17:00:00Z", true),
                arguments("Berlin spring: Monday 07:59 CEST is frozen", BERLIN_WEEKEND, "2026-03-30T05:59:00Z", true),
                arguments(
                        "Berlin spring: Monday 08:00 CEST ends it (07:00 at winter offset)",
                        BERLIN_WEEKEND,
                        "2026-03-30T06:00:00Z",
                        false),
                arguments("Berlin: Wednesday noon is not frozen", BERLIN_WEEKEND, "2026-10-21T10:00:00Z", false),
                // America/New_York: forward on 2026-03-08 02:00 EST, back on 2026-11-01 02:00 EDT.
                arguments(
                        "New York spring: Friday 16:59 EST is before the weekend",
                        NEW_YORK_WEEKEND,
                        "2026-03-06T21:59:00Z",
                        false),
                arguments(
                        "New York spring: Friday 17:00 EST starts it", NEW_YORK_WEEKEND, "2026-03-06T22:00:00Z", true),
                arguments(
                        "New York spring: Monday 08:59 EDT is frozen", NEW_YORK_WEEKEND, "2026-03-09T12:59:00Z", true),
                arguments("New York spring: Monday 09:00 EDT ends it", NEW_YORK_WEEKEND, "2026-03-09T13:00:00Z", false),
                arguments(
                        "New York autumn: Friday 17:00 EDT starts it", NEW_YORK_WEEKEND, "2026-10-30T21:00:00Z", true),
                arguments(
                        "New York autumn: Monday 08:59 EST is frozen (09:59 at summer offset)",
                        NEW_YORK_WEEKEND,
                        "2026-11-02T13:59:00Z",
                        true),
                arguments("New York autumn: Monday 09:00 EST ends it", NEW_YORK_WEEKEND, "2026-11-02T14:00:00Z", false),
                // The same instant in two zones.
                arguments("Friday 16:30 UTC is 18:30 in Berlin: frozen", BERLIN_WEEKEND, "2026-10-23T16:30:00Z", true),
                arguments(
                        "Friday 16:30 UTC is 12:30 in New York: not frozen",
                        NEW_YORK_WEEKEND,
                        "2026-10-23T16:30:00Z",
                        false),
                arguments(
                        "Monday 07:30 UTC is 08:30 in Berlin: not frozen",
                        BERLIN_WEEKEND,
                        "2026-10-26T07:30:00Z",
                        false),
                arguments(
                        "Monday 07:30 UTC is 02:30 in New York: frozen",
                        NEW_YORK_WEEKEND,
                        "2026-10-26T07:30:00Z",
                        true),
                // Southern hemisphere: Sydney goes forward on Sunday 2026-10-04 at 02:00 AEST to 03:00 AEDT.
                arguments(
                        "Sydney spring: Monday 07:30 AEDT is not frozen (06:30 at winter offset)",
                        weekly("Friday 17:00", "Monday 07:00", SYDNEY),
                        "2026-10-04T20:30:00Z",
                        false),
                arguments(
                        "Sydney spring: Monday 06:59 AEDT is frozen",
                        weekly("Friday 17:00", "Monday 07:00", SYDNEY),
                        "2026-10-04T19:59:00Z",
                        true),
                // A window that starts at a time the clocks skip starts when they skip it.
                arguments(
                        "Berlin gap: Sunday 01:59 CET is before a 02:30 start",
                        weekly("Sunday 02:30", "Sunday 05:00", BERLIN),
                        "2026-03-29T00:59:00Z",
                        false),
                arguments(
                        "Berlin gap: Sunday 03:00 CEST is after a 02:30 start",
                        weekly("Sunday 02:30", "Sunday 05:00", BERLIN),
                        "2026-03-29T01:00:00Z",
                        true),
                // A window ending at a time the clocks show twice ends the second time.
                arguments(
                        "Berlin overlap: the first 02:10 is before a 02:30 end",
                        weekly("Saturday 22:00", "Sunday 02:30", BERLIN),
                        "2026-10-25T00:10:00Z",
                        true),
                arguments(
                        "Berlin overlap: the second 02:10 is still before it",
                        weekly("Saturday 22:00", "Sunday 02:30", BERLIN),
                        "2026-10-25T01:10:00Z",
                        true),
                arguments(
                        "Berlin overlap: the second 02:30 ends it",
                        weekly("Saturday 22:00", "Sunday 02:30", BERLIN),
                        "2026-10-25T01:30:00Z",
                        false),
                // A window starting at a time shown twice starts the first time, and does not stop in between.
                arguments(
                        "Berlin overlap: the first 02:30 starts it",
                        weekly("Sunday 02:30", "Sunday 06:00", BERLIN),
                        "2026-10-25T00:30:00Z",
                        true),
                arguments(
                        "Berlin overlap: the second 02:00 is inside it",
                        weekly("Sunday 02:30", "Sunday 06:00", BERLIN),
                        "2026-10-25T01:00:00Z",
                        true),
                arguments(
                        "Berlin overlap: 02:29 CEST is before it",
                        weekly("Sunday 02:30", "Sunday 06:00", BERLIN),
                        "2026-10-25T00:29:00Z",
                        false),
                // Windows that run over the end of the week, or within a day.
                arguments(
                        "Sunday 22:00 to Monday 06:00: Sunday 23:00",
                        weekly("Sunday 22:00", "Monday 06:00", BERLIN),
                        "2026-10-18T21:00:00Z",
                        true),
                arguments(
                        "Sunday 22:00 to Monday 06:00: Monday 05:59",
                        weekly("Sunday 22:00", "Monday 06:00", BERLIN),
                        "2026-10-19T03:59:00Z",
                        true),
                arguments(
                        "Sunday 22:00 to Monday 06:00: Monday 06:00",
                        weekly("Sunday 22:00", "Monday 06:00", BERLIN),
                        "2026-10-19T04:00:00Z",
                        false),
                arguments(
                        "Sunday 22:00 to Monday 06:00: Saturday",
                        weekly("Sunday 22:00", "Monday 06:00", BERLIN),
                        "2026-10-17T21:00:00Z",
                        false),
                arguments(
                        "Wednesday 12:00 to 14:00: 13:00",
                        weekly("Wednesday 12:00", "Wednesday 14:00", BERLIN),
                        "2026-10-21T11:00:00Z",
                        true),
                arguments(
                        "Wednesday 12:00 to 14:00: Thursday 13:00",
                        weekly("Wednesday 12:00", "Wednesday 14:00", BERLIN),
                        "2026-10-22T11:00:00Z",
                        false),
                arguments(
                        "Thursday 14:00 to Wednesday 12:00 covers six days: Tuesday",
                        weekly("Thursday 14:00", "Wednesday 12:00", BERLIN),
                        "2026-10-20T11:00:00Z",
                        true),
                // One-off windows: 2026-12-19 00:00 until 2027-01-04 08:00 in Berlin (CET all along).
                arguments("year end: Friday 23:59 before", YEAR_END, "2026-12-18T22:59:00Z", false),
                arguments("year end: Saturday 00:00 starts it", YEAR_END, "2026-12-18T23:00:00Z", true),
                arguments("year end: New Year's Day", YEAR_END, "2027-01-01T12:00:00Z", true),
                arguments("year end: 07:59 on the last day", YEAR_END, "2027-01-04T06:59:00Z", true),
                arguments("year end: 08:00 ends it", YEAR_END, "2027-01-04T07:00:00Z", false));
    }

    private static final FreezeWindow YEAR_END = new DateRangeFreeze(
            "year-end", LocalDateTime.parse("2026-12-19T00:00"), LocalDateTime.parse("2027-01-04T08:00"), BERLIN);

    @Test
    void reportsTheOccurrenceOnTheWallClockOfItsZone() {
        FreezePeriod period =
                BERLIN_WEEKEND.periodAt(Instant.parse("2026-10-24T10:00:00Z")).orElseThrow();
        assertThat(period.start().toInstant()).isEqualTo(Instant.parse("2026-10-23T16:00:00Z"));
        assertThat(period.end().toInstant()).isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
        assertThat(period.describe())
                .isEqualTo("'weekend' (Fri 2026-10-23 18:00 CEST until Mon 2026-10-26 08:00 CET, Europe/Berlin)");
    }

    @Test
    void aWindowBetweenTwoSkippedTimesIsEmptyThatWeek() {
        FreezeWindow skipped = weekly("Sunday 02:10", "Sunday 02:50", BERLIN);
        assertThat(skipped.periodAt(Instant.parse("2026-03-29T01:00:00Z"))).isEmpty();
        assertThat(skipped.periodAt(Instant.parse("2026-04-05T00:20:00Z"))).isPresent();
    }

    @Test
    void refusesAWeeklyWindowThatEndsWhenItStarts() {
        assertThatThrownBy(() -> weekly("Friday 18:00", "friday 18:00", BERLIN))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("the freeze window 'weekend' ends when it starts (Friday 18:00)");
    }

    @Test
    void refusesADateRangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new DateRangeFreeze(
                        "x", LocalDateTime.parse("2027-01-04T08:00"), LocalDateTime.parse("2026-12-19T00:00"), BERLIN))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("ends (2026-12-19T00:00) before it starts (2027-01-04T08:00)");
    }

    @Test
    void readsDayNamesInAnyCaseAndSuggestsCloseOnes() {
        assertThat(WeeklyTime.parse("SAT 06:30")).hasToString("Saturday 06:30");
        assertThatThrownBy(() -> WeeklyTime.parse("Fryday 18:00"))
                .hasMessage("'Fryday' is not a day of the week (did you mean Friday?); write Monday to Sunday, or Mon"
                        + " to Sun");
        assertThatThrownBy(() -> WeeklyTime.parse("Friday 6pm")).hasMessageContaining("is not a 24-hour time");
    }

    private static FreezeWindow weekly(String start, String end, ZoneId zone) {
        return new WeeklyFreeze("weekend", WeeklyTime.parse(start), WeeklyTime.parse(end), zone);
    }
}
