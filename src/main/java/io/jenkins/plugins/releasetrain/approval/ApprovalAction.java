package io.jenkins.plugins.releasetrain.approval;

import java.util.Locale;

/** What someone did about a release awaiting approval. */
public enum ApprovalAction {
    /** Counts toward the rule's quorum. */
    APPROVE("approve", "approved", "approval"),
    /** Stops this content for good: only a changed manifest (new content) can be approved again. */
    REJECT("reject", "rejected", "rejection"),
    /** Lifts the freeze in effect for this content; counts toward the emergency override's own quorum. */
    EMERGENCY_OVERRIDE("grant an emergency override", "granted an emergency override", "emergency override"),
    /** An administrator lets this content through without the rule's checks, where the rule allows it. */
    BYPASS("bypass the approval rules", "bypassed the approval rules", "bypass");

    private final String verb;
    private final String pastTense;
    private final String noun;

    ApprovalAction(String verb, String pastTense, String noun) {
        this.verb = verb;
        this.pastTense = pastTense;
        this.noun = noun;
    }

    /** "alice cannot <verb>". */
    public String verb() {
        return verb;
    }

    /** "alice <pastTense> at ...". */
    public String pastTense() {
        return pastTense;
    }

    /** "alice's <noun>". */
    public String noun() {
        return noun;
    }

    /** The lowercase word of JSON output and ledger details: approve, reject, emergency-override, bypass. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ApprovalAction fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
