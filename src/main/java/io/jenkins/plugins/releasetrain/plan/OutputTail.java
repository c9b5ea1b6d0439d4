package io.jenkins.plugins.releasetrain.plan;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes of a stream, however long it runs: a handler that prints gigabytes costs
 * no more memory than one that prints a line. The end of a log is where the error usually is.
 */
final class OutputTail {

    private final byte[] ring;
    private long total;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        if (ring.length == 0) {
            total += length;
            return;
        }
        int skip = Math.max(0, length - ring.length);
        for (int i = offset + skip; i < offset + length; i++) {
            ring[(int) ((total + i - offset) % ring.length)] = bytes[i];
        }
        total += length;
    }

    /** The kept bytes as text, after a line saying how much came before when some was dropped. */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] tail = new byte[kept];
        long start = total - kept;
        for (int i = 0; i < kept; i++) {
            tail[i] = ring[(int) ((start + i) % ring.length)];
        }
        String text = new String(tail, StandardCharsets.UTF_8);
        return start == 0 ? text : "[" + start + " earlier bytes of output not kept]\n" + text;
    }
}
