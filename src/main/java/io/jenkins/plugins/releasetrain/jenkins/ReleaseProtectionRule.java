package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ApprovalGroup;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import io.jenkins.plugins.releasetrain.approval.Durations;
import io.jenkins.plugins.releasetrain.approval.EmergencyOverride;
import io.jenkins.plugins.releasetrain.approval.EnvironmentPattern;
import io.jenkins.plugins.releasetrain.approval.FreezeWindow;
import io.jenkins.plugins.releasetrain.approval.JobPatterns;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.RollbackRule;
import io.jenkins.plugins.releasetrain.approval.RuleViolation;
import io.jenkins.plugins.releasetrain.approval.VerifiedUpstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How administrators protect some environments: who approves, how many, when releases are frozen, what must have
 * happened upstream first. The form's
 * view of the approval engine's {@link ProtectionRule}; lists of names are written comma-separated.
 */
public class ReleaseProtectionRule implements Describable<ReleaseProtectionRule> {

    private final String name;
    private final String environments;
    private String approvers;
    private String approverGroups;
    private int requiredApprovals;
    private boolean allowAuthorApproval;
    private boolean allowTriggeringUserApproval;
    private boolean allowAdminBypass;
    private String approvalExpiry;
    private String requires;
    private List<ReleaseFreezeWindow> freezeWindows = new ArrayList<>();
    private String emergencyApprovers;
    private String emergencyApproverGroups;
    private int emergencyRequiredApprovals;
    private String allowedJobs;
    private boolean allowUnknownAuthors;
    private boolean requireVerified;
    private String bakeTime;
    private List<ReleaseApprovalGroup> approvalGroups = new ArrayList<>();
    private ReleaseHotfixLane hotfixLane;
    private String rollbackRequiredApprovals;
    private boolean rollbackOnVerificationFailure;

    @DataBoundConstructor
    public ReleaseProtectionRule(String name, String environments) {
        this.name = Util.fixNull(name).trim();
        this.environments = Util.fixNull(environments).trim();
    }

    public String getName() {
        return name;
    }

    public String getEnvironments() {
        return environments;
    }

    @CheckForNull
    public String getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = Util.fixEmptyAndTrim(approvers);
    }

    @CheckForNull
    public String getApproverGroups() {
        return approverGroups;
    }

    @DataBoundSetter
    public void setApproverGroups(String approverGroups) {
        this.approverGroups = Util.fixEmptyAndTrim(approverGroups);
    }

    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    @DataBoundSetter
    public void setRequiredApprovals(int requiredApprovals) {
        this.requiredApprovals = requiredApprovals;
    }

    public boolean isAllowAuthorApproval() {
        return allowAuthorApproval;
    }

    @DataBoundSetter
    public void setAllowAuthorApproval(boolean allowAuthorApproval) {
        this.allowAuthorApproval = allowAuthorApproval;
    }

    public boolean isAllowTriggeringUserApproval() {
        return allowTriggeringUserApproval;
    }

    @DataBoundSetter
    public void setAllowTriggeringUserApproval(boolean allowTriggeringUserApproval) {
        this.allowTriggeringUserApproval = allowTriggeringUserApproval;
    }

    public boolean isAllowAdminBypass() {
        return allowAdminBypass;
    }

    @DataBoundSetter
    public void setAllowAdminBypass(boolean allowAdminBypass) {
        this.allowAdminBypass = allowAdminBypass;
    }

    @CheckForNull
    public String getApprovalExpiry() {
        return approvalExpiry;
    }

    @DataBoundSetter
    public void setApprovalExpiry(String approvalExpiry) {
        this.approvalExpiry = Util.fixEmptyAndTrim(approvalExpiry);
    }

    @CheckForNull
    public String getRequires() {
        return requires;
    }

    @DataBoundSetter
    public void setRequires(String requires) {
        this.requires = Util.fixEmptyAndTrim(requires);
    }

    public List<ReleaseFreezeWindow> getFreezeWindows() {
        return freezeWindows == null ? List.of() : Collections.unmodifiableList(freezeWindows);
    }

    @DataBoundSetter
    public void setFreezeWindows(List<ReleaseFreezeWindow> freezeWindows) {
        this.freezeWindows = freezeWindows == null ? new ArrayList<>() : new ArrayList<>(freezeWindows);
    }

    public List<ReleaseApprovalGroup> getApprovalGroups() {
        return approvalGroups == null ? List.of() : Collections.unmodifiableList(approvalGroups);
    }

    @DataBoundSetter
    public void setApprovalGroups(List<ReleaseApprovalGroup> approvalGroups) {
        this.approvalGroups = approvalGroups == null ? new ArrayList<>() : new ArrayList<>(approvalGroups);
    }

    @CheckForNull
    public ReleaseHotfixLane getHotfixLane() {
        return hotfixLane;
    }

    @DataBoundSetter
    public void setHotfixLane(@CheckForNull ReleaseHotfixLane hotfixLane) {
        this.hotfixLane = hotfixLane;
    }

    @CheckForNull
    public String getRollbackRequiredApprovals() {
        return rollbackRequiredApprovals;
    }

    /**
     * @throws IllegalArgumentException when it is neither empty nor a whole number from 0 (configuration as code
     *     reports it)
     */
    @DataBoundSetter
    public void setRollbackRequiredApprovals(String rollbackRequiredApprovals) {
        String text = Util.fixEmptyAndTrim(rollbackRequiredApprovals);
        if (text != null) {
            rollbackCount(text);
        }
        this.rollbackRequiredApprovals = text;
    }

    public boolean isRollbackOnVerificationFailure() {
        return rollbackOnVerificationFailure;
    }

    @DataBoundSetter
    public void setRollbackOnVerificationFailure(boolean rollbackOnVerificationFailure) {
        this.rollbackOnVerificationFailure = rollbackOnVerificationFailure;
    }

    private static int rollbackCount(String text) {
        try {
            int count = Integer.parseInt(text);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below, with what to write instead
        }
        throw new IllegalArgumentException("approvals for a rollback: '" + text
                + "' is not a whole number from 0; leave it empty for as many as" + " a release needs");
    }

    @CheckForNull
    public String getEmergencyApprovers() {
        return emergencyApprovers;
    }

    @DataBoundSetter
    public void setEmergencyApprovers(String emergencyApprovers) {
        this.emergencyApprovers = Util.fixEmptyAndTrim(emergencyApprovers);
    }

    @CheckForNull
    public String getEmergencyApproverGroups() {
        return emergencyApproverGroups;
    }

    @DataBoundSetter
    public void setEmergencyApproverGroups(String emergencyApproverGroups) {
        this.emergencyApproverGroups = Util.fixEmptyAndTrim(emergencyApproverGroups);
    }

    public int getEmergencyRequiredApprovals() {
        return emergencyRequiredApprovals;
    }

    @DataBoundSetter
    public void setEmergencyRequiredApprovals(int emergencyRequiredApprovals) {
        this.emergencyRequiredApprovals = emergencyRequiredApprovals;
    }

    /** Whether only upstream successes whose verification passed count for the promotion order. */
    public boolean isRequireVerified() {
        return requireVerified;
    }

    @DataBoundSetter
    public void setRequireVerified(boolean requireVerified) {
        this.requireVerified = requireVerified;
    }

    /** How long the content must have been live (verified, with {@link #isRequireVerified}) upstream first. */
    @CheckForNull
    public String getBakeTime() {
        return bakeTime;
    }

    /**
     * @throws IllegalArgumentException when it is not a duration, or a negative one (configuration as code reports it)
     */
    @DataBoundSetter
    public void setBakeTime(String bakeTime) {
        String text = Util.fixEmptyAndTrim(bakeTime);
        if (text != null) {
            verifiedUpstream(false, text);
        }
        this.bakeTime = text;
    }

    private static VerifiedUpstream verifiedUpstream(boolean required, @CheckForNull String bakeTime) {
        return new VerifiedUpstream(required, Optional.ofNullable(bakeTime).map(Durations::parse));
    }

    /**
     * The rule as the approval engine applies it.
     *
     * @throws IllegalArgumentException (a {@link RuleViolation} for a rule that cannot work) saying what to fix
     */
    public ProtectionRule toRule() {
        List<EnvironmentPattern> patterns =
                names(environments).stream().map(EnvironmentPattern::of).toList();
        List<FreezeWindow> windows = new ArrayList<>();
        for (ReleaseFreezeWindow window : getFreezeWindows()) {
            windows.add(window.toWindow());
        }
        Optional<EmergencyOverride> override =
                emergencyRequiredApprovals == 0 && emergencyApprovers == null && emergencyApproverGroups == null
                        ? Optional.empty()
                        : Optional.of(new EmergencyOverride(
                                approvers(emergencyApprovers, emergencyApproverGroups), emergencyRequiredApprovals));
        ProtectionRule rule = new ProtectionRule(
                name,
                patterns,
                approvers(approvers, approverGroups),
                requiredApprovals,
                allowAuthorApproval,
                allowTriggeringUserApproval,
                allowAdminBypass,
                Optional.ofNullable(approvalExpiry).map(Durations::parse),
                names(requires).stream().map(EnvironmentPattern::of).toList(),
                windows,
                override,
                allowUnknownAuthors,
                verifiedUpstream(requireVerified, bakeTime));
        if (!getApprovalGroups().isEmpty()) {
            rule = rule.withApprovalGroups(getApprovalGroups().stream()
                    .map(ReleaseApprovalGroup::toGroup)
                    .toArray(ApprovalGroup[]::new));
        }
        // After the groups, whose approvers a rollback's own count is checked against.
        rule = rule.withRollback(new RollbackRule(
                Optional.ofNullable(rollbackRequiredApprovals).map(ReleaseProtectionRule::rollbackCount),
                rollbackOnVerificationFailure
                        ? RollbackRule.VerificationFailure.ROLLBACK
                        : RollbackRule.VerificationFailure.STOP));
        return hotfixLane == null ? rule : rule.withHotfixLane(hotfixLane.toLane());
    }

    static List<String> names(@CheckForNull String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static Approvers approvers(@CheckForNull String users, @CheckForNull String groups) {
        return new Approvers(Approvers.parseNames(users), Approvers.parseNames(groups));
    }

    /** Whether approvals count when nobody can tell who wrote the release. */
    public boolean isAllowUnknownAuthors() {
        return allowUnknownAuthors;
    }

    @DataBoundSetter
    public void setAllowUnknownAuthors(boolean allowUnknownAuthors) {
        this.allowUnknownAuthors = allowUnknownAuthors;
    }

    /** The jobs that may release into this rule's environments, by full name; empty: any job. */
    @CheckForNull
    public String getAllowedJobs() {
        return allowedJobs;
    }

    /**
     * @throws IllegalArgumentException when a pattern is malformed, saying which (configuration as code reports it)
     */
    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        String text = Util.fixEmptyAndTrim(allowedJobs);
        JobPatterns.parse(text);
        this.allowedJobs = text;
    }

    /** The jobs that may release into this rule's environments. */
    public JobPatterns jobPatterns() {
        return JobPatterns.parse(allowedJobs);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseProtectionRule> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseProtectionRule_DisplayName();
        }

        @POST
        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                JobPatterns patterns = JobPatterns.parse(value);
                return patterns.isAny()
                        ? FormValidation.warning(Messages.ReleaseProtectionRule_AnyJob())
                        : FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.ReleaseProtectionRule_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEnvironments(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (names(value).isEmpty()) {
                return FormValidation.error(Messages.ReleaseProtectionRule_EnvironmentsRequired());
            }
            return patterns(value);
        }

        @POST
        public FormValidation doCheckRequires(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return patterns(value);
        }

        @POST
        public FormValidation doCheckApprovalExpiry(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String expiry = Util.fixEmptyAndTrim(value);
            if (expiry == null) {
                return FormValidation.ok();
            }
            try {
                Durations.parse(expiry);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckBakeTime(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.ok();
            }
            try {
                verifiedUpstream(false, text);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckRequiredApprovals(
                @QueryParameter String value, @QueryParameter String approvers, @QueryParameter String approverGroups) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                ProtectionRule.protecting("rule", "any")
                        .withApprovals(
                                Integer.parseInt(Util.fixNull(value).trim()), approvers(approvers, approverGroups));
                return FormValidation.ok();
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.ReleaseProtectionRule_NotANumber(value));
            } catch (RuleViolation e) {
                return violation(e);
            }
        }

        @POST
        public FormValidation doCheckEmergencyRequiredApprovals(
                @QueryParameter String value,
                @QueryParameter String emergencyApprovers,
                @QueryParameter String emergencyApproverGroups) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                int required = Integer.parseInt(Util.fixNull(value).trim());
                Approvers from = approvers(emergencyApprovers, emergencyApproverGroups);
                if (required > 0 || !from.isEmpty()) {
                    new EmergencyOverride(from, required);
                }
                return FormValidation.ok();
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.ReleaseProtectionRule_NotANumber(value));
            } catch (RuleViolation e) {
                return violation(e);
            }
        }

        private static FormValidation patterns(String value) {
            try {
                names(value).forEach(EnvironmentPattern::of);
                return FormValidation.ok();
            } catch (RuleViolation e) {
                return violation(e);
            }
        }

        static FormValidation violation(RuleViolation e) {
            return FormValidation.error(e.hint() == null ? e.getMessage() : e.getMessage() + ": " + e.hint());
        }
    }
}
