package io.jenkins.plugins.releasetrain.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One {@link LedgerEntry} as one line of JSON, and back. The line ends with the CRC-32C of everything before
 * it ({@code ..., "crc32c":"1a2b3c4d"}), so a line cut short by a crash or damaged on disk is recognised
 * without guessing. CRC-32C rather than a cryptographic hash: it guards against accidents, not attackers
 * (the ledger's integrity against people is the file system's permissions), and it is fast enough that
 * 100,000 records verify in milliseconds.
 */
final class LedgerCodec {

    static final int FORMAT = 1;
    private static final byte[] MARKER = ",\"crc32c\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int CRC_DIGITS = 8;
    /** Marker, eight hex digits, closing quote and brace. */
    private static final int TRAILER = MARKER.length + CRC_DIGITS + 2;

    private static final String STARTED = "release-started";
    private static final String ARTIFACT_STARTED = "artifact-started";
    private static final String RESULT = "artifact-result";
    private static final String APPROVAL = "approval";
    private static final String REQUESTED = "approval-requested";
    private static final String FINISHED = "release-finished";
    private static final String VERIFIED = "release-verified";

    // Configured once and never changed afterwards; Jackson's factory and mapper are then thread-safe.
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private LedgerCodec() {}

    /** The entry's line, newline included. */
    static byte[] encode(LedgerEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("v", FORMAT);
            json.writeNumberField("seq", entry.sequence());
            LedgerRecord record = entry.record();
            json.writeStringField("type", type(record));
            json.writeStringField("time", record.time().toString());
            json.writeStringField("actor", record.actor());
            json.writeStringField("releaseId", record.releaseId().value());
            if (record instanceof ReleaseStarted started) {
                writeStarted(json, started);
            } else if (record instanceof ArtifactStarted started) {
                json.writeStringField("runId", started.runId().value());
                json.writeStringField("artifactId", started.artifactId());
            } else if (record instanceof ArtifactResult result) {
                writeResult(json, result);
            } else if (record instanceof ApprovalRequested requested) {
                json.writeStringField("environment", requested.environment());
                json.writeStringField("reason", requested.reason());
            } else if (record instanceof ApprovalRecorded approval) {
                writeApproval(json, approval);
            } else if (record instanceof ReleaseFinished finished) {
                writeFinished(json, finished);
            } else if (record instanceof ReleaseVerified verified) {
                json.writeStringField("runId", verified.runId().value());
                json.writeBooleanField("passed", verified.passed());
                json.writeStringField("message", verified.message());
                json.writeStringField("started", verified.started().toString());
                json.writeStringField("ended", verified.ended().toString());
                json.writeNumberField("attempts", verified.attempts());
                json.writeStringField("output", verified.output());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] trailer = (",\"crc32c\":\"" + crcHex(crc.getValue()) + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[body.length - 1 + trailer.length];
        System.arraycopy(body, 0, line, 0, body.length - 1);
        System.arraycopy(trailer, 0, line, body.length - 1, trailer.length);
        return line;
    }

    /** Reads one line, as {@link Decoder#decode} does. */
    static LedgerEntry decode(byte[] bytes, int offset, int length) throws CorruptRecordException {
        return new Decoder().decode(bytes, offset, length);
    }

    /**
     * Reads lines one after the other, sharing what repeats. Consecutive records mostly share their release
     * and run ids, so it reuses the last ones instead of validating the same 64 hex digits a hundred
     * thousand times; an artifact is recorded with the same attributes run after run, and a release with
     * the same manifest text, so equal ones are kept once in memory. Not thread-safe: one per reader.
     */
    static final class Decoder {

        private ReleaseId lastReleaseId;
        private RunId lastRunId;
        private String lastSourceText;
        private final Map<String, RecordedArtifact> artifacts = new HashMap<>();

        /**
         * Reads the line {@code bytes[offset, offset+length)} (without its newline).
         *
         * @throws CorruptRecordException when the line is cut short, damaged or not a record this version
         *     knows
         */
        LedgerEntry decode(byte[] bytes, int offset, int length) throws CorruptRecordException {
            return LedgerCodec.decode(this, bytes, offset, length);
        }

        ReleaseId releaseId(String value) {
            if (lastReleaseId == null || !lastReleaseId.value().equals(value)) {
                lastReleaseId = new ReleaseId(value);
            }
            return lastReleaseId;
        }

        RunId runId(String value) {
            if (lastRunId == null || !lastRunId.value().equals(value)) {
                lastRunId = new RunId(value);
            }
            return lastRunId;
        }

        String sourceText(String value) {
            if (!value.equals(lastSourceText)) {
                lastSourceText = value;
            }
            return lastSourceText;
        }

        RecordedArtifact artifact(RecordedArtifact read) {
            RecordedArtifact known = artifacts.get(read.id());
            if (read.equals(known)) {
                return known;
            }
            artifacts.put(read.id(), read);
            return read;
        }
    }

    private static LedgerEntry decode(Decoder decoder, byte[] bytes, int offset, int length)
            throws CorruptRecordException {
        verifyChecksum(bytes, offset, length);
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw new CorruptRecordException("not JSON although its checksum matches: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new CorruptRecordException("not a JSON object");
        }
        int format = node.path("v").asInt(0);
        if (format != FORMAT) {
            throw new CorruptRecordException("format version " + node.path("v") + " is not " + FORMAT
                    + "; a newer release-train wrote it, upgrade to read it");
        }
        try {
            Fields fields = new Fields(node, decoder);
            long sequence = fields.number("seq");
            String type = fields.text("type");
            LedgerRecord record =
                    switch (type) {
                        case STARTED -> readStarted(fields);
                        case ARTIFACT_STARTED ->
                            new ArtifactStarted(
                                    fields.runId(),
                                    fields.releaseId(),
                                    fields.text("actor"),
                                    fields.instant("time"),
                                    fields.text("artifactId"));
                        case RESULT -> readResult(fields);
                        case APPROVAL -> readApproval(fields);
                        case REQUESTED ->
                            new ApprovalRequested(
                                    fields.releaseId(),
                                    fields.text("environment"),
                                    fields.text("actor"),
                                    fields.instant("time"),
                                    fields.text("reason"));
                        case FINISHED -> readFinished(fields);
                        case VERIFIED ->
                            new ReleaseVerified(
                                    fields.runId(),
                                    fields.releaseId(),
                                    fields.text("actor"),
                                    fields.instant("time"),
                                    fields.bool("passed"),
                                    fields.text("message"),
                                    fields.instant("started"),
                                    fields.instant("ended"),
                                    (int) Math.min(Integer.MAX_VALUE, fields.number("attempts")),
                                    fields.text("output"));
                        default -> throw new CorruptRecordException("unknown record type '" + type + "'");
                    };
            return new LedgerEntry(sequence, record);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CorruptRecordException("invalid record: " + e.getMessage());
        }
    }

    private static void verifyChecksum(byte[] bytes, int offset, int length) throws CorruptRecordException {
        int marker = offset + length - TRAILER;
        if (length < TRAILER + 2
                || bytes[offset + length - 1] != '}'
                || bytes[offset + length - 2] != '"'
                || !startsWith(bytes, marker, MARKER)) {
            throw new CorruptRecordException("incomplete record (it does not end with its checksum)");
        }
        long expected;
        try {
            expected = HexFormat.fromHexDigitsToLong(
                    new String(bytes, marker + MARKER.length, CRC_DIGITS, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("unreadable checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, marker - offset);
        crc.update('}');
        if (crc.getValue() != expected) {
            throw new CorruptRecordException("checksum mismatch: the record was damaged after it was written");
        }
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String crcHex(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(CRC_DIGITS - hex.length()) + hex;
    }

    private static String type(LedgerRecord record) {
        if (record instanceof ReleaseStarted) {
            return STARTED;
        } else if (record instanceof ArtifactStarted) {
            return ARTIFACT_STARTED;
        } else if (record instanceof ArtifactResult) {
            return RESULT;
        } else if (record instanceof ApprovalRecorded) {
            return APPROVAL;
        } else if (record instanceof ApprovalRequested) {
            return REQUESTED;
        } else if (record instanceof ReleaseVerified) {
            return VERIFIED;
        }
        return FINISHED;
    }

    private static void writeStarted(JsonGenerator json, ReleaseStarted started) throws IOException {
        json.writeStringField("runId", started.runId().value());
        json.writeStringField("environment", started.environment());
        json.writeObjectFieldStart("plan");
        json.writeNumberField("added", started.plan().added());
        json.writeNumberField("changed", started.plan().changed());
        json.writeNumberField("unchanged", started.plan().unchanged());
        json.writeNumberField("removed", started.plan().removed());
        json.writeEndObject();
        json.writeStringField("sourceName", started.sourceName());
        json.writeStringField("sourceText", started.sourceText());
        writeMap(json, "details", started.details());
    }

    private static ReleaseStarted readStarted(Fields fields) throws CorruptRecordException {
        Fields plan = fields.object("plan");
        return new ReleaseStarted(
                fields.runId(),
                fields.releaseId(),
                fields.text("environment"),
                fields.text("actor"),
                fields.instant("time"),
                fields.text("sourceName"),
                fields.decoder().sourceText(fields.text("sourceText")),
                new PlanSummary(
                        (int) plan.number("added"), (int) plan.number("changed"), (int) plan.number("unchanged"), (int)
                                plan.number("removed")),
                fields.has("details") ? fields.map("details") : Map.of());
    }

    private static void writeResult(JsonGenerator json, ArtifactResult result) throws IOException {
        RecordedArtifact artifact = result.artifact();
        json.writeStringField("runId", result.runId().value());
        json.writeStringField("artifactId", artifact.id());
        json.writeStringField("product", artifact.product());
        json.writeStringField("productVersion", artifact.productVersion());
        json.writeStringField("kind", artifact.kind().idSegment());
        json.writeStringField("version", artifact.version());
        json.writeStringField("displayVersion", artifact.displayVersion());
        writeMap(json, "attributes", artifact.attributes());
        json.writeStringField("status", result.status().label());
        json.writeStringField("message", result.message());
        json.writeStringField("started", result.started().toString());
        json.writeStringField("ended", result.ended().toString());
        json.writeStringField("output", result.output());
        if (!result.details().isEmpty()) {
            writeMap(json, "details", result.details());
        }
    }

    private static ArtifactResult readResult(Fields fields) throws CorruptRecordException {
        RecordedArtifact artifact = fields.decoder()
                .artifact(new RecordedArtifact(
                        fields.text("artifactId"),
                        fields.text("product"),
                        fields.text("productVersion"),
                        kind(fields.text("kind")),
                        fields.text("version"),
                        fields.text("displayVersion"),
                        fields.map("attributes")));
        return new ArtifactResult(
                fields.runId(),
                fields.releaseId(),
                fields.text("actor"),
                fields.instant("time"),
                artifact,
                ArtifactStatus.fromLabel(fields.text("status")),
                fields.text("message"),
                fields.instant("started"),
                fields.instant("ended"),
                fields.text("output"),
                fields.has("details") ? fields.map("details") : Map.of());
    }

    private static void writeApproval(JsonGenerator json, ApprovalRecorded approval) throws IOException {
        json.writeStringField("environment", approval.environment());
        json.writeStringField("decision", approval.decision().label());
        json.writeArrayFieldStart("groups");
        for (String group : approval.groups()) {
            json.writeString(group);
        }
        json.writeEndArray();
        json.writeStringField("comment", approval.comment());
        writeMap(json, "details", approval.details());
    }

    private static ApprovalRecorded readApproval(Fields fields) throws CorruptRecordException {
        return new ApprovalRecorded(
                fields.releaseId(),
                fields.text("environment"),
                fields.text("actor"),
                fields.texts("groups"),
                ApprovalDecision.fromLabel(fields.text("decision")),
                fields.text("comment"),
                fields.instant("time"),
                fields.map("details"));
    }

    private static void writeFinished(JsonGenerator json, ReleaseFinished finished) throws IOException {
        json.writeStringField("runId", finished.runId().value());
        json.writeStringField("status", finished.status().label());
        if (!finished.details().isEmpty()) {
            writeMap(json, "details", finished.details());
        }
    }

    private static ReleaseFinished readFinished(Fields fields) throws CorruptRecordException {
        return new ReleaseFinished(
                fields.runId(),
                fields.releaseId(),
                ReleaseStatus.fromLabel(fields.text("status")),
                fields.text("actor"),
                fields.instant("time"),
                fields.has("details") ? fields.map("details") : Map.of());
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static ArtifactKind kind(String segment) throws CorruptRecordException {
        for (ArtifactKind kind : ArtifactKind.values()) {
            if (kind.idSegment().equals(segment)) {
                return kind;
            }
        }
        throw new CorruptRecordException("unknown artifact kind '" + segment + "'");
    }

    /** Typed access to a record's fields, each missing or mistyped field named in the error. */
    private record Fields(JsonNode node, Decoder decoder) {

        String text(String name) throws CorruptRecordException {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual()) {
                throw new CorruptRecordException("field '" + name + "' is missing or not text");
            }
            return value.textValue();
        }

        boolean bool(String name) throws CorruptRecordException {
            JsonNode value = node.get(name);
            if (value == null || !value.isBoolean()) {
                throw new CorruptRecordException("field '" + name + "' is missing or not true or false");
            }
            return value.booleanValue();
        }

        long number(String name) throws CorruptRecordException {
            JsonNode value = node.get(name);
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
                throw new CorruptRecordException("field '" + name + "' is missing or not a whole number");
            }
            return value.longValue();
        }

        Instant instant(String name) throws CorruptRecordException {
            return IsoInstants.parse(text(name));
        }

        ReleaseId releaseId() throws CorruptRecordException {
            return decoder.releaseId(text("releaseId"));
        }

        RunId runId() throws CorruptRecordException {
            return decoder.runId(text("runId"));
        }

        Fields object(String name) throws CorruptRecordException {
            JsonNode value = node.get(name);
            if (value == null || !value.isObject()) {
                throw new CorruptRecordException("field '" + name + "' is missing or not an object");
            }
            return new Fields(value, decoder);
        }

        boolean has(String name) {
            return node.has(name);
        }

        Map<String, String> map(String name) throws CorruptRecordException {
            JsonNode value = object(name).node();
            Map<String, String> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw new CorruptRecordException("field '" + name + "." + field.getKey() + "' is not text");
                }
                map.put(field.getKey(), field.getValue().textValue());
            }
            return map;
        }

        List<String> texts(String name) throws CorruptRecordException {
            JsonNode value = node.get(name);
            if (value == null || !value.isArray()) {
                throw new CorruptRecordException("field '" + name + "' is missing or not a list");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new CorruptRecordException("field '" + name + "' holds something other than text");
                }
                texts.add(item.textValue());
            }
            return texts;
        }
    }
}
