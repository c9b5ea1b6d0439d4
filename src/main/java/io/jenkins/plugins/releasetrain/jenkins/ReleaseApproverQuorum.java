package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The form fields of a set of people and how many of them must approve: user ids and groups written
 * comma-separated, and a count from 1. What an approval group and a hotfix lane both are.
 */
public abstract class ReleaseApproverQuorum {

    private String approvers;
    private String approverGroups;
    private int requiredApprovals = 1;

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

    /** The people, as the approval engine names them. */
    protected Approvers people() {
        return new Approvers(Approvers.parseNames(approvers), Approvers.parseNames(approverGroups));
    }
}
