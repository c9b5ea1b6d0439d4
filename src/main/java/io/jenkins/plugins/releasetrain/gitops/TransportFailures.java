package io.jenkins.plugins.releasetrain.gitops;

import java.util.Locale;

/** Turns JGit's transport errors into messages that say what to do, with every credential masked. */
final class TransportFailures {

    private TransportFailures() {}

    static RepositoryAccessException of(String action, RepositoryLocation location, GitAccess access, Exception e) {
        Redaction redaction = access.redactionFor(location);
        String detail = redaction.apply(rootMessage(e));
        String lower = detail.toLowerCase(Locale.ROOT);
        String hint;
        if (lower.contains("not authorized")
                || lower.contains("authentication")
                || lower.contains("credentialsprovider")
                || lower.contains("permission denied")
                || lower.contains("401")
                || lower.contains("403")) {
            hint = "give credentials by reference: --password-env VARIABLE (a token) or --credentials-file FILE for"
                    + " https, --ssh-key FILE for ssh; check that they may read (and for promote, push to) the"
                    + " repository";
        } else if (lower.contains("not found")
                || lower.contains("does not appear to be a git repository")
                || lower.contains("404")) {
            hint = "check the repository URL";
        } else if (lower.contains("timed out") || lower.contains("timeout")) {
            hint = "check the network path to the host, or raise --timeout";
        } else {
            hint = "check the URL and that the host is reachable from here";
        }
        // The cause is left out on purpose: its message and stack trace may hold the URL with its password.
        return new RepositoryAccessException("cannot " + action + " " + location.display() + ": " + detail, hint, null);
    }

    /** The innermost message: JGit wraps the transport's reason in several layers of less precise ones. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
