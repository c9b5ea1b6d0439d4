package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a {@code gitCommit} value is: a full SHA, an abbreviation, a placeholder, or not a SHA at all. */
public final class CommitShas {

    /** Classification of a {@code gitCommit} value. */
    public enum Kind {
        FULL,
        ABBREVIATED,
        PLACEHOLDER,
        INVALID
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final List<String> PLACEHOLDER_PREFIXES =
            List.of("abc123", "123456", "deadbeef", "cafebabe", "abcdef", "012345");

    private CommitShas() {}

    public static Kind classify(String value) {
        if (!HEX.matcher(value).matches()) {
            return Kind.INVALID;
        }
        if (looksMadeUp(value.toLowerCase(Locale.ROOT))) {
            return Kind.PLACEHOLDER;
        }
        return value.length() == 40 ? Kind.FULL : Kind.ABBREVIATED;
    }

    // A real SHA is uniformly random; these shapes are what people type while writing an example.
    private static boolean looksMadeUp(String sha) {
        if (PLACEHOLDER_PREFIXES.stream().anyMatch(sha::startsWith)) {
            return true;
        }
        for (int period = 1; period <= 8 && period * 2 <= sha.length(); period++) {
            if (repeatsWithPeriod(sha, period)) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeatsWithPeriod(String sha, int period) {
        for (int i = period; i < sha.length(); i++) {
            if (sha.charAt(i) != sha.charAt(i - period)) {
                return false;
            }
        }
        return true;
    }
}
