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
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One of several groups a protection rule needs approvals from at once ("one from security"): the form's view of
 * the approval engine's {@link ApprovalGroup}; lists of names are written comma-separated.
 */
public class ReleaseApprovalGroup implements Describable<ReleaseApprovalGroup> {

    private final String name;
    private String approvers;
    private String approverGroups;
    private int requiredApprovals = 1;

    @DataBoundConstructor
    public ReleaseApprovalGroup(String name) {
        this.name = Util.fixNull(name).trim();
    }

    public String getName() {
        return name;
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

    /**
     * The group as the approval engine applies it.
     *
     * @throws IllegalArgumentException (a rule violation) saying what to fix
     */
    public ApprovalGroup toGroup() {
        return new ApprovalGroup(
                name,
                new Approvers(Approvers.parseNames(approvers), Approvers.parseNames(approverGroups)),
                requiredApprovals);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseApprovalGroup> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseApprovalGroup_DisplayName();
        }

        @POST
        public FormValidation doCheckRequiredApprovals(@QueryParameter int value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value < 1 ? FormValidation.error(Messages.ReleaseApprovalGroup_AtLeastOne()) : FormValidation.ok();
        }
    }
}
