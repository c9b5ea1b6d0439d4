package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.manifest.FieldRules;
import io.jenkins.plugins.releasetrain.manifest.Problem;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** An environment releases are promoted to, and the environment a release must have reached first. */
public class ReleaseEnvironment implements Describable<ReleaseEnvironment> {

    private final String name;
    private String upstream;

    @DataBoundConstructor
    public ReleaseEnvironment(String name) {
        String trimmed = Util.fixNull(name).trim();
        problem(trimmed).ifPresent(p -> {
            throw new IllegalArgumentException(Messages.ReleaseEnvironment_InvalidName(trimmed, p.message(), p.hint()));
        });
        this.name = trimmed;
    }

    public String getName() {
        return name;
    }

    @CheckForNull
    public String getUpstream() {
        return upstream;
    }

    @DataBoundSetter
    public void setUpstream(String upstream) {
        this.upstream = Util.fixEmptyAndTrim(upstream);
    }

    private static Optional<Problem> problem(String name) {
        return FieldRules.DNS_LABEL_NAME.check(name);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseEnvironment> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseEnvironment_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return check(Util.fixNull(value).trim());
        }

        @POST
        public FormValidation doCheckUpstream(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String upstream = Util.fixEmptyAndTrim(value);
            return upstream == null ? FormValidation.ok() : check(upstream);
        }

        private static FormValidation check(String name) {
            return problem(name)
                    .map(p ->
                            FormValidation.error(Messages.ReleaseEnvironment_InvalidName(name, p.message(), p.hint())))
                    .orElse(FormValidation.ok());
        }
    }
}
