package io.jenkins.plugins.releasetrain.ledger;

import java.util.Objects;

/** A record as the ledger stored it: with its sequence number in its environment's file (from 1, no gaps). */
public record LedgerEntry(long sequence, LedgerRecord record) {

    public LedgerEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + sequence);
        }
        Objects.requireNonNull(record, "record");
    }
}
