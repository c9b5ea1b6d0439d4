package io.jenkins.plugins.releasetrain.approval;

import java.util.regex.Pattern;

/**
 * An environment name ({@code production-us-east-2}) or a glob over names ({@code production-*}): {@code *}
 * stands for any run of characters, {@code ?} for exactly one. Names are lowercase DNS labels, so nothing
 * else needs escaping and matching is exact.
 */
public record EnvironmentPattern(String glob) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9*?-]{1,63}");

    public EnvironmentPattern {
        if (glob == null || !SHAPE.matcher(glob).matches()) {
            throw new RuleViolation(
                    "environments",
                    "'" + glob + "' is not an environment name or glob",
                    "use lowercase letters, digits and '-', with '*' for any run of characters and '?' for one"
                            + " character, e.g. production-*");
        }
    }

    public static EnvironmentPattern of(String glob) {
        return new EnvironmentPattern(glob);
    }

    public boolean isGlob() {
        return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
    }

    public boolean matches(String environment) {
        return matches(glob, 0, environment, 0, false);
    }

    /**
     * Whether every name this pattern matches is also matched by {@code other}: used to warn about rules
     * that an earlier rule hides. Sound (never claims a cover that does not hold); it may miss exotic
     * covers, which only costs a warning.
     */
    public boolean isCoveredBy(EnvironmentPattern other) {
        return matches(other.glob, 0, glob, 0, true);
    }

    /**
     * Glob matching by backtracking over {@code *}. With {@code symbolic}, the subject is itself a pattern:
     * its {@code ?} can only be met by {@code ?} or {@code *} and its {@code *} only by {@code *}.
     */
    private static boolean matches(String pattern, int p, String subject, int s, boolean symbolic) {
        int star = -1;
        int starSubject = -1;
        while (s < subject.length()) {
            char c = subject.charAt(s);
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starSubject = s;
            } else if (p < pattern.length() && single(pattern.charAt(p), c, symbolic)) {
                p++;
                s++;
            } else if (star >= 0) {
                p = star + 1;
                s = ++starSubject;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean single(char patternChar, char subjectChar, boolean symbolic) {
        if (symbolic && subjectChar == '*') {
            return false;
        }
        if (patternChar == '?') {
            return true;
        }
        return patternChar == subjectChar;
    }

    @Override
    public String toString() {
        return glob;
    }
}
