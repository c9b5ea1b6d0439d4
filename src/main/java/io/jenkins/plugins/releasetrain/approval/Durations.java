package io.jenkins.plugins.releasetrain.approval;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as administrators write them: ISO 8601 ({@code PT24H}, {@code P1D}) or short ({@code 24h}, {@code 1d12h}, {@code 90m}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,5})d)?(?:(\\d{1,6})h)?(?:(\\d{1,7})m)?");

    private Durations() {}

    public static Duration parse(String text) {
        String value = text.strip();
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text, e);
            }
        }
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (value.isEmpty() || !m.matches()) {
            throw invalid(text, null);
        }
        return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2))).plusMinutes(number(m.group(3)));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static IllegalArgumentException invalid(String text, Exception cause) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write PT24H or 24h, 1d12h, 90m", cause);
    }
}
