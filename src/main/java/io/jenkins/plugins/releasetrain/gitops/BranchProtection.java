package io.jenkins.plugins.releasetrain.gitops;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Branch names a promotion may not write to without being told to, because changes reach them only by
 * review: by default {@code main}, {@code master} and {@code release/*}. In a pattern {@code *} matches
 * within one path segment and {@code **} across segments.
 */
public record BranchProtection(List<String> patterns) {

    public static final List<String> DEFAULT_PATTERNS = List.of("main", "master", "release/*");

    public BranchProtection {
        patterns = List.copyOf(patterns);
    }

    public static BranchProtection defaults() {
        return new BranchProtection(DEFAULT_PATTERNS);
    }

    /** The first pattern that {@code branch} matches, if any. */
    public Optional<String> protectingPattern(String branch) {
        String name = branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
        return patterns.stream().filter(p -> glob(p).matcher(name).matches()).findFirst();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
