package io.jenkins.plugins.releasetrain.approval;

import java.util.Locale;
import java.util.Objects;

/**
 * Someone who wrote the release: the author or committer of a commit that changed the manifest, or a
 * {@code Co-authored-by} of one (gitops finds them). Who counts as "the same person" is deliberately
 * generous: the user id or any alias matching the name, the e-mail address or the e-mail's local part (the
 * login, for a GitHub {@code noreply} address) is enough, because refusing a legitimate approval costs a second approver while counting a self-approval
 * defeats the rule.
 *
 * @param commit the commit that shows it, or empty when the author was named directly (CLI {@code --author})
 * @param role how they took part, as the message says it: "authored", "committed", "co-authored"
 */
public record ReleaseAuthor(String name, String email, String commit, String role) {

    public ReleaseAuthor {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(role, "role");
        if ((name == null || name.isBlank()) && (email == null || email.isBlank())) {
            throw new IllegalArgumentException("an author has a name or an e-mail address");
        }
    }

    public static ReleaseAuthor author(String name, String email, String commit) {
        return new ReleaseAuthor(name, email, commit, "authored");
    }

    public static ReleaseAuthor committer(String name, String email, String commit) {
        return new ReleaseAuthor(name, email, commit, "committed");
    }

    public static ReleaseAuthor coAuthor(String name, String email, String commit) {
        return new ReleaseAuthor(name, email, commit, "co-authored");
    }

    public boolean is(Identity person) {
        return person.answersTo(name) || person.answersTo(email) || person.answersTo(localPart());
    }

    /** The commit as messages show it: twelve hex digits, like release ids and artifact versions. */
    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12).toLowerCase(Locale.ROOT) : commit;
    }

    /** " (commit 1a2b3c4d5e6f)" for messages, or nothing when the author was named without a commit. */
    String evidence() {
        return commit.isBlank() ? "" : " (commit " + shortCommit() + ")";
    }

    /**
     * {@link #evidence()}, saying which of the commit's names made it this person's when it was not their user
     * id: a match through a full name or an e-mail address is a judgement call that people should see.
     */
    String evidence(Identity person) {
        String through;
        if (name != null && person.key().equals(Names.key(name))) {
            through = null;
        } else if (name != null && person.answersTo(name)) {
            through = name;
        } else {
            through = email != null ? email : name;
        }
        String as = through == null ? "" : "as " + through;
        if (commit.isBlank()) {
            return as.isEmpty() ? "" : " (" + as + ")";
        }
        return " (commit " + shortCommit() + (as.isEmpty() ? "" : ", " + as) + ")";
    }

    /** The e-mail's local part; for a GitHub {@code noreply} address ({@code 1234+alice@...}), the login. */
    private String localPart() {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return null;
        }
        String local = email.substring(0, at);
        boolean noreply = email.toLowerCase(Locale.ROOT).endsWith("@users.noreply.github.com");
        return noreply ? local.substring(local.indexOf('+') + 1) : local;
    }
}
