package io.jenkins.plugins.releasetrain.changelog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a commit message refers to: the pull request it was merged from (GitHub's "Merge pull request
 * #123", a squashed subject ending "(#123)", GitLab's "See merge request group/project!45") and issue keys
 * matching a pattern.
 */
public final class CommitReferences {

    /** Jira-style keys: {@code PAY-123}, {@code OPS2-7}. */
    public static final String DEFAULT_ISSUE_PATTERN = "[A-Z][A-Z0-9]+-\\d+";

    /**
     * Only the start of a message is searched: enough for any real subject and body, and it bounds the work
     * a configured pattern can do on a crafted message.
     */
    static final int SEARCHED_CHARS = 4096;

    private static final int MAX_KEYS = 20;
    private static final Pattern GITHUB_MERGE = Pattern.compile("^Merge pull request #(\\d{1,9})\\b");
    private static final Pattern SQUASHED = Pattern.compile("\\(#(\\d{1,9})\\)\\s*$");
    private static final Pattern GITLAB_MERGE = Pattern.compile("(?m)^See merge request [^\\s!]+!(\\d{1,9})\\s*$");

    private final Pattern issueKeys;

    public CommitReferences(Pattern issueKeys) {
        this.issueKeys = issueKeys;
    }

    public static CommitReferences defaults() {
        return new CommitReferences(Pattern.compile(DEFAULT_ISSUE_PATTERN));
    }

    /**
     * Compiles a user's issue key pattern, refusing one that is empty or matches the empty string (it would
     * "find" a key at every position).
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static CommitReferences withIssuePattern(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "the issue key pattern '" + regex + "' is not a regular expression: " + e.getDescription(), e);
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("the issue key pattern '" + regex
                    + "' matches an empty string; give one such as " + DEFAULT_ISSUE_PATTERN);
        }
        return new CommitReferences(pattern);
    }

    public Pattern issuePattern() {
        return issueKeys;
    }

    public OptionalInt pullRequest(String message) {
        String text = bounded(message);
        String subject = text.lines().findFirst().orElse("");
        for (Matcher matcher :
                List.of(GITHUB_MERGE.matcher(subject), SQUASHED.matcher(subject), GITLAB_MERGE.matcher(text))) {
            if (matcher.find()) {
                return OptionalInt.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    public List<String> issueKeys(String message) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = issueKeys.matcher(bounded(message));
        while (matcher.find() && keys.size() < MAX_KEYS) {
            if (!matcher.group().isEmpty()) {
                keys.add(matcher.group());
            }
        }
        return new ArrayList<>(keys);
    }

    private static String bounded(String message) {
        return message.length() > SEARCHED_CHARS ? message.substring(0, SEARCHED_CHARS) : message;
    }
}
