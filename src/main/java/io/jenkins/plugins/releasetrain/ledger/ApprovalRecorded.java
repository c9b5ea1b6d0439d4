package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An approver's decision about a release (its content hash) in an environment. Approvals belong to the
 * content, not to a run: a resumed run of the same release keeps them, an edited manifest loses them.
 *
 * @param groups  the groups through which the approver was eligible
 * @param details anything else the approval rules want on record (rule name, ticket, bypass reason)
 */
public record ApprovalRecorded(
        ReleaseId releaseId,
        String environment,
        String actor,
        List<String> groups,
        ApprovalDecision decision,
        String comment,
        Instant time,
        Map<String, String> details)
        implements LedgerRecord {

    public ApprovalRecorded {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        groups = List.copyOf(groups);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(time, "time");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
