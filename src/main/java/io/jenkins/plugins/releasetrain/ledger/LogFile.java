package io.jenkins.plugins.releasetrain.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reading side of one environment's file. The file only ever grows, so each read parses just the bytes
 * appended since the previous one; the board can ask again and again without paying for the whole history.
 *
 * <p>A line that does not end with a newline yet is never consumed: it is a write cut off by a crash, or one
 * in progress in another process right now, and is looked at afresh on every read.
 */
final class LogFile {

    private static final int CHUNK = 1 << 20;
    /** Far above any real record (manifest text plus bounded output); beyond it a line is damage. */
    static final int MAX_LINE_BYTES = 32 << 20;

    private final Path file;

    private Object fileKey;
    private long offset;
    private long lines;
    private long lastSequence;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final LedgerCodec.Decoder decoder = new LedgerCodec.Decoder();
    /** {@link #entries} as last handed out; shared by every snapshot until a record is added. */
    private List<LedgerEntry> published = List.of();

    private final List<LedgerWarning> warnings = new ArrayList<>();
    /** A damaged, newline-terminated line that is the last so far: torn last record, or damage in the middle? */
    private DamagedLine lastDamaged;

    LogFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Everything readable now, and the warnings about what was skipped. */
    synchronized Snapshot read() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = channel.size();
            if (size < offset || (fileKey != null && !Objects.equals(fileKey, key))) {
                // Replaced or truncated behind our back (restored from a backup): start over.
                reset();
            }
            fileKey = key;
            byte[] tail = consume(channel, size);
            return snapshot(tail, size);
        } catch (NoSuchFileException e) {
            reset();
            return new Snapshot(List.of(), List.of(), 0, true, 0);
        } catch (IOException e) {
            throw new LedgerException("cannot read the ledger file " + file + ": " + e.getMessage(), e);
        }
    }

    private void reset() {
        fileKey = null;
        offset = 0;
        lines = 0;
        lastSequence = 0;
        entries.clear();
        published = List.of();
        warnings.clear();
        lastDamaged = null;
    }

    /** Parses every complete line in {@code [offset, size)} and returns the bytes of an unterminated tail. */
    private byte[] consume(FileChannel channel, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(size - offset, 16))];
        int filled = 0;
        long position = offset;
        boolean skipping = false;
        while (position < size) {
            if (filled == buffer.length) {
                if (buffer.length >= MAX_LINE_BYTES) {
                    // A line this long is damage (or not a ledger): drop it up to its newline.
                    if (!skipping) {
                        lines++;
                        damaged(lines, "a line of more than " + (MAX_LINE_BYTES >> 20) + " MiB is not a record");
                        skipping = true;
                    }
                    offset += filled;
                    filled = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES));
                }
            }
            int read = channel.read(
                    ByteBuffer.wrap(buffer, filled, (int) Math.min(buffer.length - filled, size - position)), position);
            if (read <= 0) {
                break;
            }
            position += read;
            int start = 0;
            int end = filled + read;
            for (int i = filled; i < end; i++) {
                if (buffer[i] == '\n') {
                    if (skipping) {
                        skipping = false;
                    } else {
                        lines++;
                        line(buffer, start, i - start);
                    }
                    offset += i + 1 - start;
                    start = i + 1;
                }
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            filled = end - start;
        }
        if (skipping) {
            offset += filled;
            return new byte[0];
        }
        return Arrays.copyOf(buffer, filled);
    }

    private void line(byte[] buffer, int start, int length) {
        if (length == 0) {
            return;
        }
        try {
            LedgerEntry entry = decoder.decode(buffer, start, length);
            settleDamaged();
            if (entry.sequence() <= lastSequence) {
                warnings.add(new LedgerWarning(
                        file,
                        lines,
                        "sequence number " + entry.sequence()
                                + " does not follow " + lastSequence + ": the file was edited or written by two writers"
                                + " at once; the record is kept"));
            }
            lastSequence = Math.max(lastSequence, entry.sequence());
            entries.add(entry);
        } catch (CorruptRecordException e) {
            damaged(lines, e.getMessage());
        }
    }

    private void damaged(long line, String reason) {
        settleDamaged();
        lastDamaged = new DamagedLine(line, reason);
    }

    /** A damaged line with records after it is damage in the middle of the file, reported as such for good. */
    private void settleDamaged() {
        if (lastDamaged != null) {
            warnings.add(new LedgerWarning(
                    file,
                    lastDamaged.line,
                    "damaged record skipped (" + lastDamaged.reason + "); the records before and after it are"
                            + " intact. If a crash cut this record off, the run that wrote it is incomplete."));
            lastDamaged = null;
        }
    }

    private Snapshot snapshot(byte[] tail, long size) {
        if (published.size() != entries.size()) {
            published = List.copyOf(entries);
        }
        List<LedgerEntry> all = published;
        List<LedgerWarning> found = new ArrayList<>(warnings);
        if (lastDamaged != null) {
            found.add(new LedgerWarning(
                    file,
                    lastDamaged.line,
                    "last record ignored (" + lastDamaged.reason + "): probably cut off by a crash while it was"
                            + " written; every earlier record is intact"));
        }
        boolean endsWithNewline = tail.length == 0;
        long lastSeq = lastSequence;
        if (tail.length > 0) {
            try {
                // Cut off exactly before its newline: complete, and the writer's next line starts afresh.
                LedgerEntry entry = decoder.decode(tail, 0, tail.length);
                all = new ArrayList<>(published);
                all.add(entry);
                lastSeq = Math.max(lastSeq, entry.sequence());
            } catch (CorruptRecordException e) {
                found.add(new LedgerWarning(
                        file,
                        lines + 1,
                        "last record ignored (" + e.getMessage() + ", no newline): cut off by a crash while it"
                                + " was written, or being written right now; every earlier record is intact"));
            }
        }
        return new Snapshot(all, found, size, endsWithNewline, lastSeq);
    }

    private record DamagedLine(long line, String reason) {}

    /**
     * The file as read at one moment.
     *
     * @param endsWithNewline false when the file ends in the middle of a line, so the next record must start
     *     with a newline of its own
     */
    record Snapshot(
            List<LedgerEntry> entries,
            List<LedgerWarning> warnings,
            long size,
            boolean endsWithNewline,
            long lastSequence) {

        Snapshot {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
    }
}
