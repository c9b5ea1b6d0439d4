package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;

/**
 * The field checks of the global configuration's forms: only administrators may have a value checked (a check may
 * describe what the controller can reach), and a value is fine when the code that will use it accepts it.
 */
final class AdminFormChecks {

    private AdminFormChecks() {}

    /** Reads a field's value as its setting will; throws {@link IllegalArgumentException} saying what is wrong. */
    @FunctionalInterface
    interface Reader {
        void read(@CheckForNull String value);
    }

    /** OK when {@code reader} accepts the trimmed value (null when blank), else its message as an error. */
    static FormValidation accepts(@CheckForNull String value, Reader reader) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            reader.read(Util.fixEmptyAndTrim(value));
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
