package io.jenkins.plugins.releasetrain.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registry reference, parsed once: the same value decides whether a build may use the registry and is what
 * gets opened, so no text can be read one way by the check and another way by the opening.
 *
 * <ul>
 *   <li>{@link OciLayout} {@code oci-layout:DIR}: image layout directories on this machine;
 *   <li>{@link Ecr} {@code ecr:REGION[:ACCOUNT]}: Amazon ECR;
 *   <li>{@link Distribution} {@code https://HOST[:PORT]}, {@code http://HOST[:PORT]} or {@code HOST[:PORT]}: an OCI
 *       Distribution registry.
 * </ul>
 *
 * Only printable ASCII is accepted: control characters, non-ASCII letters and blanks inside the reference are
 * refused, and only plain spaces around it are dropped. Messages never repeat a {@code user:password@} part.
 */
public sealed interface RegistryReference {

    /** How a reference is written back, for messages and for what is opened; never with credentials. */
    String text();

    record OciLayout(Path directory, String text) implements RegistryReference {
        public OciLayout {
            Objects.requireNonNull(directory, "directory");
        }
    }

    record Ecr(String text) implements RegistryReference {}

    /** @param host the host name as lower case, for comparisons with allowed hosts */
    record Distribution(String text, String host, int port) implements RegistryReference {}

    String OCI_LAYOUT = "oci-layout:";
    String ECR = "ecr:";

    /**
     * @throws IllegalArgumentException saying what is wrong, without repeating credentials
     */
    static RegistryReference parse(String reference) {
        if (reference == null) {
            throw new IllegalArgumentException("registry reference is empty");
        }
        String text = stripSpaces(reference);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("registry reference '" + printable(redact(text))
                        + "' holds a control or non-ASCII character (U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + "); write it in plain ASCII");
            }
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("registry reference is empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(OCI_LAYOUT)) {
            String dir = text.substring(OCI_LAYOUT.length());
            if (dir.isBlank()) {
                throw new IllegalArgumentException("oci-layout: needs a directory, e.g. oci-layout:./images");
            }
            return new OciLayout(Path.of(dir), OCI_LAYOUT + dir);
        }
        if (text.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(
                    "registry reference '" + redact(text) + "' holds a space; only oci-layout: paths may");
        }
        if (lower.startsWith(ECR)) {
            // EcrSettings checks the region and account when the registry is opened, from this same text.
            return new Ecr(ECR + text.substring(ECR.length()));
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0 && !lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("unsupported registry reference '" + redact(text)
                    + "': use https://HOST[:PORT], http://HOST[:PORT], oci-layout:DIR or ecr:REGION[:ACCOUNT]");
        }
        if (text.contains("@")) {
            throw new IllegalArgumentException("registry reference '" + redact(text)
                    + "' holds credentials; give them as a credential (credentialsId) instead");
        }
        io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint endpoint =
                io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint.parse(text, false);
        if (endpoint.host() == null || endpoint.host().isEmpty()) {
            throw new IllegalArgumentException(
                    "registry reference '" + text + "' names no host: use https://HOST[:PORT]");
        }
        return new Distribution(text, endpoint.host().toLowerCase(Locale.ROOT), endpoint.port());
    }

    /** The reference without a {@code user:password@} part: what messages may show. */
    static String redact(String reference) {
        return USERINFO.matcher(reference).replaceAll("$1***@");
    }

    /** A Distribution registry's host and port as {@code host} or {@code host:port}. */
    static String authority(Distribution registry) {
        return registry.port() < 0 ? registry.host() : registry.host() + ":" + registry.port();
    }

    Pattern USERINFO = Pattern.compile("(^|//)[^/@]*@");

    private static String stripSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
