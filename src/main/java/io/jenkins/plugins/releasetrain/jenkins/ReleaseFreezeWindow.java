package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.FreezeWindow;
import io.jenkins.plugins.releasetrain.approval.FreezeWindows;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A time when a protected environment takes no release: weekly ({@code Friday 18:00} to {@code Monday 08:00})
 * or one-off ({@code 2026-12-19} to {@code 2027-01-04 08:00}), on the wall clock of a time zone.
 */
public class ReleaseFreezeWindow implements Describable<ReleaseFreezeWindow> {

    private final String name;
    private final String start;
    private final String end;
    private final String timeZone;

    @DataBoundConstructor
    public ReleaseFreezeWindow(String name, String start, String end, String timeZone) {
        this.name = Util.fixNull(name).trim();
        this.start = Util.fixNull(start).trim();
        this.end = Util.fixNull(end).trim();
        this.timeZone = Util.fixNull(timeZone).trim();
    }

    public String getName() {
        return name;
    }

    public String getStart() {
        return start;
    }

    public String getEnd() {
        return end;
    }

    public String getTimeZone() {
        return timeZone;
    }

    /** The window as the approval engine applies it; {@link IllegalArgumentException} saying what to fix. */
    public FreezeWindow toWindow() {
        return FreezeWindows.of(name, start, end, timeZone);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseFreezeWindow> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseFreezeWindow_DisplayName();
        }

        @POST
        public FormValidation doCheckStart(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return moment(value);
        }

        @POST
        public FormValidation doCheckEnd(@QueryParameter String value, @QueryParameter String start) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            FormValidation moment = moment(value);
            if (moment.kind != FormValidation.Kind.OK || Util.fixEmptyAndTrim(start) == null) {
                return moment;
            }
            try {
                FreezeWindows.of("window", start, value, "UTC");
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckTimeZone(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                FreezeWindows.zone(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static FormValidation moment(String value) {
            try {
                FreezeWindows.checkMoment(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
