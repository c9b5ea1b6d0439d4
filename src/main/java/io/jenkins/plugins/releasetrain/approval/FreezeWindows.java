package io.jenkins.plugins.releasetrain.approval;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Freeze windows from the texts a form or a policy file holds: {@code Friday 18:00} to {@code Monday 08:00}
 * makes a {@link WeeklyFreeze}, {@code 2026-12-19} to {@code 2027-01-04 08:00} a {@link DateRangeFreeze}.
 */
public final class FreezeWindows {

    private FreezeWindows() {}

    /**
     * The window named {@code name}, weekly when {@code start} and {@code end} name days, one-off when they give
     * dates.
     *
     * @throws IllegalArgumentException (a {@link RuleViolation} for a window that cannot work) saying what to write
     */
    public static FreezeWindow of(String name, String start, String end, String timeZone) {
        requireText("a start", start);
        requireText("an end", end);
        ZoneId zone = zone(timeZone);
        boolean weekly = PolicyReader.startsWithLetter(start);
        if (weekly != PolicyReader.startsWithLetter(end)) {
            throw new RuleViolation(
                    "freezeWindows.end",
                    "start and end of the freeze window '" + name + "' must both be days of the week (a weekly"
                            + " window) or both dates (a one-off window)",
                    "write e.g. Friday 18:00 and Monday 08:00, or 2026-12-19 and 2027-01-04");
        }
        return weekly
                ? new WeeklyFreeze(name, WeeklyTime.parse(start), WeeklyTime.parse(end), zone)
                : new DateRangeFreeze(name, PolicyReader.dateTime(start), PolicyReader.dateTime(end), zone);
    }

    /** A weekly time ({@code Friday 18:00}) or a date ({@code 2026-12-19}, {@code 2026-12-19 18:00}), checked. */
    public static void checkMoment(String text) {
        requireText("a start and an end", text);
        if (PolicyReader.startsWithLetter(text)) {
            WeeklyTime.parse(text);
        } else {
            PolicyReader.dateTime(text);
        }
    }

    private static void requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a freeze window needs " + what
                    + ": a day and time such as Friday 18:00, or a date such as" + " 2026-12-19");
        }
    }

    /** A region of the tz database ({@code Europe/Berlin}) or a fixed offset. */
    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a freeze window needs a time zone, such as Europe/Berlin");
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a time zone; name a region of the tz database,"
                            + " such as Europe/Berlin or America/New_York",
                    e);
        }
    }
}
