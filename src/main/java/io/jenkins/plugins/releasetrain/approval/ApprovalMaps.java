package io.jenkins.plugins.releasetrain.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decisions and judgements as plain maps and lists of strings and numbers: the CLI's JSON output, and what
 * Pipeline steps return (CPS-serializable, no script approval needed).
 */
public final class ApprovalMaps {

    private ApprovalMaps() {}

    public static Map<String, Object> decision(Decision decision) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", decision.environment());
        map.put("releaseId", decision.releaseId().value());
        map.put("rule", decision.rule().orElse(null));
        if (decision instanceof Decision.Allowed allowed) {
            map.put("decision", "allowed");
            map.put("grounds", label(allowed.grounds()));
        } else if (decision instanceof Decision.NeedsApprovals needs) {
            map.put("decision", "needs-approvals");
            map.put("missing", needs.missing());
            map.put(
                    "shortfalls",
                    needs.shortfalls().stream().map(ApprovalMaps::shortfall).toList());
        } else if (decision instanceof Decision.Refused refused) {
            map.put("decision", "refused");
            map.put("reason", label(refused.reason()));
            map.put("until", refused.until().map(Object::toString).orElse(null));
            map.put(
                    "shortfalls",
                    refused.shortfalls().stream().map(ApprovalMaps::shortfall).toList());
        }
        map.put("message", decision.message());
        map.put(
                "judgements",
                decision.judgements().stream().map(ApprovalMaps::judgement).toList());
        return map;
    }

    /**
     * A rule as it stands, every field spelled out: what a release record keeps of the rule a run was decided
     * under, so that a later change of the policy does not change what the record says.
     */
    public static Map<String, Object> rule(ProtectionRule rule) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", rule.name());
        map.put(
                "environments",
                rule.environments().stream().map(EnvironmentPattern::glob).toList());
        map.put("approvers", approvers(rule.approvers()));
        map.put("requiredApprovals", rule.requiredApprovals());
        map.put("allowAuthorApproval", rule.allowAuthorApproval());
        map.put("allowTriggeringUserApproval", rule.allowTriggeringUserApproval());
        map.put("allowAdminBypass", rule.allowAdminBypass());
        map.put("approvalExpiry", rule.approvalExpiry().map(Object::toString).orElse(null));
        map.put(
                "requires",
                rule.requires().stream().map(EnvironmentPattern::glob).toList());
        map.put(
                "freezeWindows",
                rule.freezeWindows().stream().map(ApprovalMaps::freeze).toList());
        map.put(
                "emergencyOverride",
                rule.emergencyOverride()
                        .map(o -> {
                            Map<String, Object> override = new LinkedHashMap<>();
                            override.put("approvers", approvers(o.approvers()));
                            override.put("requiredApprovals", o.requiredApprovals());
                            return override;
                        })
                        .orElse(null));
        map.put("allowUnknownAuthors", rule.allowUnknownAuthors());
        map.put("requireVerified", rule.verifiedUpstream().required());
        map.put(
                "bakeTime",
                rule.verifiedUpstream().bakeTime().map(Object::toString).orElse(null));
        Map<String, Object> rollback = new LinkedHashMap<>();
        rollback.put("requiredApprovals", rule.requiredApprovals(true));
        map.put("rollback", rollback);
        map.put("onVerificationFailure", rule.rollback().onVerificationFailure().label());
        map.put(
                "hotfix",
                rule.hotfix()
                        .map(h -> {
                            Map<String, Object> lane = new LinkedHashMap<>();
                            lane.put("approvers", approvers(h.approvers()));
                            lane.put("requiredApprovals", h.requiredApprovals());
                            return lane;
                        })
                        .orElse(null));
        map.put(
                "approvalGroups",
                rule.approvalGroups().stream()
                        .map(g -> {
                            Map<String, Object> group = new LinkedHashMap<>();
                            group.put("name", g.name());
                            group.put("approvers", approvers(g.approvers()));
                            group.put("requiredApprovals", g.requiredApprovals());
                            return group;
                        })
                        .toList());
        return map;
    }

    private static Map<String, Object> approvers(Approvers approvers) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("users", approvers.users());
        map.put("groups", approvers.groups());
        return map;
    }

    private static Map<String, Object> freeze(FreezeWindow window) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", window.name());
        map.put("timeZone", window.timeZone().getId());
        if (window instanceof WeeklyFreeze weekly) {
            map.put("weekly", true);
            map.put("start", weekly.start().toString());
            map.put("end", weekly.end().toString());
        } else if (window instanceof DateRangeFreeze range) {
            map.put("weekly", false);
            map.put("start", range.start().toString());
            map.put("end", range.end().toString());
        }
        return map;
    }

    public static Map<String, Object> attempt(AttemptResult result, boolean recorded) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("judgement", judgement(result.judgement()));
        map.put("recorded", recorded);
        map.put("decision", decision(result.decision()));
        return map;
    }

    public static Map<String, Object> judgement(Judgement judgement) {
        ApprovalEvent event = judgement.event();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("actor", event.actor().user());
        map.put("groups", List.copyOf(new TreeSet<>(event.actor().groups())));
        map.put("action", event.action().label());
        map.put("releaseId", event.releaseId().value());
        map.put("at", event.at().toString());
        map.put("comment", event.comment());
        map.put("standing", judgement.standing().label());
        map.put("counts", judgement.counts());
        map.put("message", judgement.message());
        return map;
    }

    private static Map<String, Object> shortfall(Shortfall shortfall) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", shortfall.action().label());
        map.put("required", shortfall.required());
        map.put("missing", shortfall.missing());
        map.put("users", shortfall.from().users());
        map.put("groups", shortfall.from().groups());
        map.put("givenBy", shortfall.givenBy());
        map.put("excluded", shortfall.excluded());
        // only for rules with approval groups, so that the maps of one-quorum rules stay as they were
        shortfall.group().ifPresent(group -> map.put("group", group));
        shortfall.freeze().ifPresent(period -> {
            Map<String, Object> freeze = new LinkedHashMap<>();
            freeze.put("window", period.window());
            freeze.put("start", period.start().toOffsetDateTime().toString());
            freeze.put("end", period.end().toOffsetDateTime().toString());
            freeze.put("timeZone", period.start().getZone().getId());
            map.put("freeze", freeze);
        });
        return map;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
