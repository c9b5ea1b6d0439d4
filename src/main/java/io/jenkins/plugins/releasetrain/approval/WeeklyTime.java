package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A moment of the week on the wall clock: {@code Friday 18:00}. */
public record WeeklyTime(DayOfWeek day, LocalTime time) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    public WeeklyTime {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
    }

    /**
     * Reads {@code Friday 18:00} or {@code fri 18:00}: an English day name, full or three letters, in any
     * case, then a 24-hour time.
     */
    public static WeeklyTime parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a day and a time such as 'Friday 18:00'");
        }
        DayOfWeek day = day(parts[0]);
        try {
            return new WeeklyTime(day, LocalTime.parse(parts[1], HH_MM));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + parts[1] + "' is not a 24-hour time such as 18:00 or 08:30", e);
        }
    }

    private static DayOfWeek day(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
                return day;
            }
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            names.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        throw new IllegalArgumentException("'" + word + "' is not a day of the week"
                + Suggestions.closest(word, names)
                        .map(s -> " (did you mean " + s + "?)")
                        .orElse("")
                + "; write Monday to Sunday, or Mon to Sun");
    }

    @Override
    public String toString() {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + HH_MM.format(time);
    }
}
