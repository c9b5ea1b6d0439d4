package io.jenkins.plugins.releasetrain.gitops;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person as git records them: a name and an email. The email is the identity (kept lower case, so
 * {@code Alice@Example.com} and {@code alice@example.com} are one person); the name is for display.
 */
public record Identity(String name, String email) {

    private static final Pattern NAME_AND_EMAIL = Pattern.compile("\\s*(.*?)\\s*<([^<>]*)>\\s*");
    private static final String GITHUB_NOREPLY = "@users.noreply.github.com";

    public Identity {
        name = Objects.requireNonNull(name, "name").strip();
        email = Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code Name <email>}, the form of git's author lines and of {@code Co-authored-by:} trailers. */
    public static Optional<Identity> parse(String text) {
        Matcher matcher = NAME_AND_EMAIL.matcher(text);
        if (!matcher.matches() || matcher.group(2).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(matcher.group(1), matcher.group(2)));
    }

    /**
     * Whether {@code user} (a user id, login or email, as an approver is known to the approving system)
     * names this person: the same email, the same name, or the login of a GitHub {@code noreply} address
     * ({@code 1234+alice@users.noreply.github.com} is {@code alice}). All ignoring case.
     */
    public boolean matches(String user) {
        String wanted = user.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return false;
        }
        return wanted.equals(email) || wanted.equals(name.toLowerCase(Locale.ROOT)) || wanted.equals(githubLogin());
    }

    private String githubLogin() {
        if (!email.endsWith(GITHUB_NOREPLY)) {
            return null;
        }
        String local = email.substring(0, email.length() - GITHUB_NOREPLY.length());
        return local.substring(local.indexOf('+') + 1);
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
