package io.jenkins.plugins.releasetrain.approval;

import java.util.Locale;

/** Whether an approval event counts, and if not, why not. */
public enum Standing {
    /** Counts toward its quorum; for a rejection or a bypass: it stands. */
    COUNTS,
    /** The same person again: it changes nothing now, and keeps counting if the first one expires. */
    DUPLICATE,
    /** No rule protects the environment: there is nothing to approve. */
    NOT_PROTECTED,
    /** The person is not among those the rule lets do this. */
    NOT_ELIGIBLE,
    /** The person wrote the release and the rule keeps authors from approving. */
    AUTHOR,
    /** The person started the release and the rule keeps them from approving. */
    TRIGGERING_USER,
    /** Given for other content: another release id. */
    OTHER_CONTENT,
    /** Dated after the time of the decision (clocks disagree). */
    NOT_YET,
    /** Given for the content alone, while the release takes a live hotfix away: not an approval of that. */
    WITHOUT_HOTFIX_DROP,
    /** Older than the rule's approval expiry. */
    EXPIRED,
    /** Given after this content was rejected; the rejection stands until the content changes. */
    AFTER_REJECTION,
    /** An emergency override given outside the freeze now in effect. */
    NOT_FROZEN,
    /** An emergency override where the rule has none. */
    NO_EMERGENCY_OVERRIDE,
    /** A bypass where the rule does not allow one. */
    BYPASS_NOT_ALLOWED,
    /** A bypass by someone who is not an administrator. */
    NOT_ADMIN,
    /** A bypass without a reason. */
    NO_REASON;

    public boolean counts() {
        return this == COUNTS;
    }

    /** Whether an attempt judged so is worth appending to the ledger: a legitimate act of an eligible person. */
    public boolean isRecorded() {
        return this == COUNTS || this == DUPLICATE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
