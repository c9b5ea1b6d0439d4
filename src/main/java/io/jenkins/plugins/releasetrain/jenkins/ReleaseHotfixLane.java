package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import io.jenkins.plugins.releasetrain.approval.HotfixLane;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A protection rule's hotfix lane: who lets an urgent fix in without the promotion order, and how many of them. The
 * form's view of the approval engine's {@link HotfixLane}.
 */
public class ReleaseHotfixLane implements Describable<ReleaseHotfixLane> {

    private String approvers;
    private String approverGroups;
    private int requiredApprovals = 1;

    @DataBoundConstructor
    public ReleaseHotfixLane() {}

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
     * The lane as the approval engine applies it.
     *
     * @throws IllegalArgumentException (a rule violation) saying what to fix
     */
    public HotfixLane toLane() {
        return new HotfixLane(
                new Approvers(Approvers.parseNames(approvers), Approvers.parseNames(approverGroups)),
                requiredApprovals);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseHotfixLane> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseHotfixLane_DisplayName();
        }
    }
}
