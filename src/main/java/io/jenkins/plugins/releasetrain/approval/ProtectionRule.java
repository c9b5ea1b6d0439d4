package io.jenkins.plugins.releasetrain.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one set of environments is protected. Administrators configure rules (a policy file for the CLI, the
 * Jenkins global configuration for the plugin); never the manifest or the Jenkinsfile of what is released.
 *
 * @param name what messages call the rule ("production")
 * @param environments the environment names or globs the rule protects
 * @param approvers who may approve
 * @param requiredApprovals how many distinct eligible people must approve the same content; 0 lets the other
 *     checks (promotion order, freezes) protect the environment without approvals
 * @param allowAuthorApproval whether the release's authors may approve it (default false)
 * @param allowTriggeringUserApproval whether whoever started the release may approve it (default false)
 * @param allowAdminBypass whether an administrator may let a release through without the approvals (default
 *     false); a bypass is recorded as such and needs a reason
 * @param approvalExpiry how long an approval counts; empty means until the content changes
 * @param requires environments (names or globs) where this content must have succeeded first
 * @param freezeWindows times when the environment takes no releases
 * @param emergencyOverride who may lift a freeze, and how many of them; empty means freezes cannot be lifted
 * @param allowUnknownAuthors whether approvals count when the release's authors cannot be determined
 * @param verifiedUpstream what the promotion order asks of upstream successes (verified, baked)
 * @param rollback what rollbacks need and what a failed verification does
 * @param approvalGroups approvals needed from several groups at once, all of which must be met; empty for the one
 *     quorum of {@code requiredApprovals} from {@code approvers}. With groups, {@code approvers} is their union and
 *     {@code requiredApprovals} their sum.
 * @param hotfix who may let a hotfix in without the promotion order, and how many; empty when hotfixes are not
 *     allowed here
 */
public record ProtectionRule(
        String name,
        List<EnvironmentPattern> environments,
        Approvers approvers,
        int requiredApprovals,
        boolean allowAuthorApproval,
        boolean allowTriggeringUserApproval,
        boolean allowAdminBypass,
        Optional<Duration> approvalExpiry,
        List<EnvironmentPattern> requires,
        List<FreezeWindow> freezeWindows,
        Optional<EmergencyOverride> emergencyOverride,
        boolean allowUnknownAuthors,
        VerifiedUpstream verifiedUpstream,
        RollbackRule rollback,
        List<ApprovalGroup> approvalGroups,
        Optional<HotfixLane> hotfix) {

    /** A rule with one quorum of approvers (no approval groups). */
    public ProtectionRule(
            String name,
            List<EnvironmentPattern> environments,
            Approvers approvers,
            int requiredApprovals,
            boolean allowAuthorApproval,
            boolean allowTriggeringUserApproval,
            boolean allowAdminBypass,
            Optional<Duration> approvalExpiry,
            List<EnvironmentPattern> requires,
            List<FreezeWindow> freezeWindows,
            Optional<EmergencyOverride> emergencyOverride,
            boolean allowUnknownAuthors,
            VerifiedUpstream verifiedUpstream,
            RollbackRule rollback) {
        this(
                name,
                environments,
                approvers,
                requiredApprovals,
                allowAuthorApproval,
                allowTriggeringUserApproval,
                allowAdminBypass,
                approvalExpiry,
                requires,
                freezeWindows,
                emergencyOverride,
                allowUnknownAuthors,
                verifiedUpstream,
                rollback,
                List.of(),
                Optional.empty());
    }

    /** A rule that treats rollbacks by default ({@link RollbackRule#DEFAULT}). */
    public ProtectionRule(
            String name,
            List<EnvironmentPattern> environments,
            Approvers approvers,
            int requiredApprovals,
            boolean allowAuthorApproval,
            boolean allowTriggeringUserApproval,
            boolean allowAdminBypass,
            Optional<Duration> approvalExpiry,
            List<EnvironmentPattern> requires,
            List<FreezeWindow> freezeWindows,
            Optional<EmergencyOverride> emergencyOverride,
            boolean allowUnknownAuthors,
            VerifiedUpstream verifiedUpstream) {
        this(
                name,
                environments,
                approvers,
                requiredApprovals,
                allowAuthorApproval,
                allowTriggeringUserApproval,
                allowAdminBypass,
                approvalExpiry,
                requires,
                freezeWindows,
                emergencyOverride,
                allowUnknownAuthors,
                verifiedUpstream,
                RollbackRule.DEFAULT);
    }

    public ProtectionRule {
        Names.requireName("name", "the rule's name", name);
        environments = List.copyOf(environments);
        Objects.requireNonNull(approvers, "approvers");
        Objects.requireNonNull(approvalExpiry, "approvalExpiry");
        requires = List.copyOf(requires);
        freezeWindows = List.copyOf(freezeWindows);
        Objects.requireNonNull(emergencyOverride, "emergencyOverride");
        Objects.requireNonNull(verifiedUpstream, "verifiedUpstream");
        Objects.requireNonNull(rollback, "rollback");
        approvalGroups = List.copyOf(approvalGroups);
        Objects.requireNonNull(hotfix, "hotfix");
        if (!approvalGroups.isEmpty()) {
            int sum = approvalGroups.stream()
                    .mapToInt(ApprovalGroup::requiredApprovals)
                    .sum();
            if (sum != requiredApprovals) {
                throw new IllegalArgumentException("a rule with approval groups requires their sum, " + sum + ", not "
                        + requiredApprovals + " (use withApprovalGroups)");
            }
            Set<String> groupNames = new HashSet<>();
            for (ApprovalGroup group : approvalGroups) {
                if (!groupNames.add(group.name())) {
                    throw new RuleViolation(
                            "approvalGroups.name",
                            "rule '" + name + "' has two approval groups named '" + group.name() + "'",
                            "give each group its own name; messages use it");
                }
            }
        }
        if (environments.isEmpty()) {
            throw new RuleViolation(
                    "environments",
                    "rule '" + name + "' protects no environment",
                    "list the environment names or globs it protects, e.g. environments: [production-*]");
        }
        if (requiredApprovals < 0) {
            throw new RuleViolation(
                    "requiredApprovals",
                    "requiredApprovals cannot be negative (" + requiredApprovals + ")",
                    "use 0 for no approvals, or the number of distinct people who must approve");
        }
        if (requiredApprovals > 0 && approvers.isEmpty()) {
            throw new RuleViolation(
                    "approvers",
                    "rule '" + name + "' requires " + requiredApprovals + " approvals but names no approvers",
                    "list users or groups under approvers, e.g. groups: [release-leads]");
        }
        Quorum.requirePossible("requiredApprovals", approvers, requiredApprovals);
        if (rollback.requiredApprovals().filter(n -> n > 0).isPresent() && approvers.isEmpty()) {
            throw new RuleViolation(
                    "rollback.requiredApprovals",
                    "rule '" + name + "' requires approvals of rollbacks but names no approvers",
                    "list users or groups under approvers; rollbacks are approved by the same people");
        }
        Quorum.requirePossible(
                "rollback.requiredApprovals",
                approvers,
                rollback.requiredApprovals().orElse(0));
        approvalExpiry.ifPresent(expiry -> {
            if (expiry.isZero() || expiry.isNegative()) {
                throw new RuleViolation(
                        "approvalExpiry",
                        "approvalExpiry must be longer than zero (" + expiry + ")",
                        "give a duration such as PT24H or 24h, or remove approvalExpiry");
            }
        });
        Set<String> windowNames = new HashSet<>();
        for (FreezeWindow window : freezeWindows) {
            if (!windowNames.add(window.name())) {
                throw new RuleViolation(
                        "freezeWindows.name",
                        "rule '" + name + "' has two freeze windows named '" + window.name() + "'",
                        "give each window its own name; messages use it");
            }
        }
    }

    /** A rule protecting {@code patterns} with nothing required yet; add requirements with the {@code with} methods. */
    public static ProtectionRule protecting(String name, String... patterns) {
        List<EnvironmentPattern> environments = new ArrayList<>();
        for (String pattern : patterns) {
            environments.add(EnvironmentPattern.of(pattern));
        }
        return new ProtectionRule(
                name,
                environments,
                Approvers.none(),
                0,
                false,
                false,
                false,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                false,
                VerifiedUpstream.NONE,
                RollbackRule.DEFAULT,
                List.of(),
                Optional.empty());
    }

    public boolean protects(String environment) {
        return environments.stream().anyMatch(p -> p.matches(environment));
    }

    public ProtectionRule withApprovals(int required, Approvers from) {
        Copy copy = new Copy(this);
        copy.requiredApprovals = required;
        copy.approvers = from;
        return copy.build();
    }

    public ProtectionRule withAuthorApproval(boolean allowed) {
        Copy copy = new Copy(this);
        copy.allowAuthorApproval = allowed;
        return copy.build();
    }

    public ProtectionRule withTriggeringUserApproval(boolean allowed) {
        Copy copy = new Copy(this);
        copy.allowTriggeringUserApproval = allowed;
        return copy.build();
    }

    public ProtectionRule withAdminBypass(boolean allowed) {
        Copy copy = new Copy(this);
        copy.allowAdminBypass = allowed;
        return copy.build();
    }

    public ProtectionRule withApprovalExpiry(Duration expiry) {
        Copy copy = new Copy(this);
        copy.approvalExpiry = Optional.of(expiry);
        return copy.build();
    }

    public ProtectionRule withRequires(String... upstream) {
        List<EnvironmentPattern> patterns = new ArrayList<>();
        for (String pattern : upstream) {
            patterns.add(EnvironmentPattern.of(pattern));
        }
        Copy copy = new Copy(this);
        copy.requires = patterns;
        return copy.build();
    }

    public ProtectionRule withFreezeWindows(FreezeWindow... windows) {
        Copy copy = new Copy(this);
        copy.freezeWindows = List.of(windows);
        return copy.build();
    }

    public ProtectionRule withEmergencyOverride(EmergencyOverride override) {
        Copy copy = new Copy(this);
        copy.emergencyOverride = Optional.of(override);
        return copy.build();
    }

    /**
     * Whether the release may be approved when nobody can tell who wrote it (no change and no history of the
     * manifest to read). By default it may not: "no known author" is not "nobody wrote it".
     */
    public ProtectionRule withUnknownAuthorsAllowed(boolean allowed) {
        Copy copy = new Copy(this);
        copy.allowUnknownAuthors = allowed;
        return copy.build();
    }

    /** The same rule, asking {@code value} of the upstream successes its promotion order counts. */
    public ProtectionRule withVerifiedUpstream(VerifiedUpstream value) {
        Copy copy = new Copy(this);
        copy.verifiedUpstream = value;
        return copy.build();
    }

    /** The same rule, treating rollbacks as {@code value} says. */
    public ProtectionRule withRollback(RollbackRule value) {
        Copy copy = new Copy(this);
        copy.rollback = value;
        return copy.build();
    }

    /**
     * The same rule, needing approvals from each of {@code groups} at once (one person counting toward one group
     * only); its approvers become their union and its required approvals their sum.
     */
    public ProtectionRule withApprovalGroups(ApprovalGroup... groups) {
        Copy copy = new Copy(this);
        copy.approvalGroups = List.of(groups);
        copy.approvers = ApprovalGroup.union(copy.approvalGroups);
        copy.requiredApprovals = ApprovalGroup.total(copy.approvalGroups);
        return copy.build();
    }

    /** The same rule, letting hotfixes in through {@code lane}. */
    public ProtectionRule withHotfixLane(HotfixLane lane) {
        Copy copy = new Copy(this);
        copy.hotfix = Optional.of(lane);
        return copy.build();
    }

    /**
     * The rule a hotfix is decided by: the hotfix lane's approvers and quorum, no promotion order; freezes, expiry,
     * separation of duties and bypass as the rule says. Empty when the rule has no hotfix lane.
     */
    public Optional<ProtectionRule> hotfixRule() {
        return hotfix.map(lane -> {
            Copy copy = new Copy(this);
            copy.name = name + " (hotfix lane)";
            copy.approvers = lane.approvers();
            copy.requiredApprovals = lane.requiredApprovals();
            copy.approvalGroups = List.of();
            copy.requires = List.of();
            copy.verifiedUpstream = VerifiedUpstream.NONE;
            copy.rollback = RollbackRule.DEFAULT;
            copy.hotfix = Optional.empty();
            return copy.build();
        });
    }

    /** The approvals a release needs here: a rollback's own count when the rule gives one. */
    public int requiredApprovals(boolean forRollback) {
        return forRollback ? rollback.requiredApprovals(this) : requiredApprovals;
    }

    /** A rule's fields, to change one or two and build the new rule (which checks them all again). */
    private static final class Copy {
        private String name;
        private final List<EnvironmentPattern> environments;
        private Approvers approvers;
        private int requiredApprovals;
        private boolean allowAuthorApproval;
        private boolean allowTriggeringUserApproval;
        private boolean allowAdminBypass;
        private Optional<Duration> approvalExpiry;
        private List<EnvironmentPattern> requires;
        private List<FreezeWindow> freezeWindows;
        private Optional<EmergencyOverride> emergencyOverride;
        private boolean allowUnknownAuthors;
        private VerifiedUpstream verifiedUpstream;
        private RollbackRule rollback;
        private List<ApprovalGroup> approvalGroups;
        private Optional<HotfixLane> hotfix;

        Copy(ProtectionRule rule) {
            name = rule.name;
            environments = rule.environments;
            approvers = rule.approvers;
            requiredApprovals = rule.requiredApprovals;
            allowAuthorApproval = rule.allowAuthorApproval;
            allowTriggeringUserApproval = rule.allowTriggeringUserApproval;
            allowAdminBypass = rule.allowAdminBypass;
            approvalExpiry = rule.approvalExpiry;
            requires = rule.requires;
            freezeWindows = rule.freezeWindows;
            emergencyOverride = rule.emergencyOverride;
            allowUnknownAuthors = rule.allowUnknownAuthors;
            verifiedUpstream = rule.verifiedUpstream;
            rollback = rule.rollback;
            approvalGroups = rule.approvalGroups;
            hotfix = rule.hotfix;
        }

        ProtectionRule build() {
            return new ProtectionRule(
                    name,
                    environments,
                    approvers,
                    requiredApprovals,
                    allowAuthorApproval,
                    allowTriggeringUserApproval,
                    allowAdminBypass,
                    approvalExpiry,
                    requires,
                    freezeWindows,
                    emergencyOverride,
                    allowUnknownAuthors,
                    verifiedUpstream,
                    rollback,
                    approvalGroups,
                    hotfix);
        }
    }
}
