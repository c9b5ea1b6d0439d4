package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ApprovalGroup;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One of several groups a protection rule needs approvals from at once ("one from security"): the form's view of
 * the approval engine's {@link ApprovalGroup}; lists of names are written comma-separated.
 */
public class ReleaseApprovalGroup extends ReleaseApproverQuorum implements Describable<ReleaseApprovalGroup> {

    private final String name;

    @DataBoundConstructor
    public ReleaseApprovalGroup(String name) {
        this.name = Util.fixNull(name).trim();
    }

    public String getName() {
        return name;
    }

    /**
     * The group as the approval engine applies it.
     *
     * @throws IllegalArgumentException (a rule violation) saying what to fix
     */
    public ApprovalGroup toGroup() {
        return new ApprovalGroup(name, people(), getRequiredApprovals());
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
