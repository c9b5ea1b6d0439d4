package io.jenkins.plugins.releasetrain.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every message that leaves this package: passwords written into URLs
 * ({@code https://user:secret@host}), tokens written as the user of an http(s) URL
 * ({@code https://ghp_xxx@github.com}), and the literal values of the secrets in use, in case a server or
 * library echoes one back.
 */
public final class Redaction {

    static final String MASK = "****";

    /** Only URL credentials; for messages built before any secret is known. */
    public static final Redaction URLS = new Redaction(List.of());

    private static final Pattern URL_USERINFO = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<user>[^/@\\s:?#]*)(?::(?<password>[^/@\\s?#]*))?@");

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** This redaction, also masking every occurrence of {@code secret} (ignored when empty). */
    public Redaction alsoMasking(char[] secret) {
        if (secret == null || secret.length == 0) {
            return this;
        }
        List<String> more = new ArrayList<>(secrets);
        more.add(new String(secret));
        return new Redaction(more);
    }

    public String apply(String message) {
        if (message == null) {
            return null;
        }
        String result = urls(message);
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /**
     * Masks the credentials of every URL in {@code text}: the password always, the user too on http(s),
     * where a lone user part is how tokens are usually written. An ssh user ({@code git@}) is kept.
     */
    public static String urls(String text) {
        Matcher matcher = URL_USERINFO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String scheme = matcher.group("scheme");
            String user = matcher.group("user");
            boolean http = scheme.toLowerCase(Locale.ROOT).startsWith("http");
            String replacement;
            if (matcher.group("password") != null) {
                replacement = scheme + "://" + user + ":" + MASK + "@";
            } else if (http && !user.isEmpty()) {
                replacement = scheme + "://" + MASK + "@";
            } else {
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
