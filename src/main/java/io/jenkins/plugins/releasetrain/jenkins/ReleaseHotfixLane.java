package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.releasetrain.approval.HotfixLane;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A protection rule's hotfix lane: who lets an urgent fix in without the promotion order, and how many of them. The
 * form's view of the approval engine's {@link HotfixLane}.
 */
public class ReleaseHotfixLane extends ReleaseApproverQuorum implements Describable<ReleaseHotfixLane> {

    @DataBoundConstructor
    public ReleaseHotfixLane() {}

    /**
     * The lane as the approval engine applies it.
     *
     * @throws IllegalArgumentException (a rule violation) saying what to fix
     */
    public HotfixLane toLane() {
        return new HotfixLane(people(), getRequiredApprovals());
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
