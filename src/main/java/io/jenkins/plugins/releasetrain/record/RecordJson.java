package io.jenkins.plugins.releasetrain.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A release record as JSON: indented, fields in a fixed order, {@code \n} line ends on every platform, so the
 * same ledger gives the same bytes. The last field, {@code recordSha256}, is the SHA-256 of the file as it
 * would be with 64 zeros in its place: anyone can check it with {@code sed} and {@code sha256sum}.
 */
public final class RecordJson {

    public static final String DIGEST_FIELD = "recordSha256";
    static final String PLACEHOLDER = "0".repeat(64);

    private static final ObjectWriter WRITER =
            new ObjectMapper().writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private RecordJson() {}

    /** A record's JSON text and the digest it states. */
    public record Written(String text, String sha256) {}

    /** The record's JSON, its own digest filled in, ending with a newline. */
    public static String write(ReleaseRecord record) {
        return written(record).text();
    }

    /** As {@link #write}, with the digest the text states: what an HTML page of the same run names. */
    public static Written written(ReleaseRecord record) {
        Map<String, Object> document = new LinkedHashMap<>(RecordDocument.of(record));
        document.put(DIGEST_FIELD, PLACEHOLDER);
        String text;
        try {
            text = WRITER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialize", e);
        }
        String digest = sha256(text);
        int at = text.lastIndexOf(PLACEHOLDER);
        return new Written(text.substring(0, at) + digest + text.substring(at + PLACEHOLDER.length()), digest);
    }

    /** The digest a record states: that of its text with the digest's value zeroed. */
    public static String digestOf(String recordJson) {
        int field = recordJson.lastIndexOf("\"" + DIGEST_FIELD + "\" : \"");
        if (field < 0) {
            throw new IllegalArgumentException("not a release record: no " + DIGEST_FIELD);
        }
        int value = field + DIGEST_FIELD.length() + 6;
        return sha256(recordJson.substring(0, value) + PLACEHOLDER + recordJson.substring(value + 64));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
