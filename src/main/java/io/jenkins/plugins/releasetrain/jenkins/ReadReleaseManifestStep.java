package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

public class ReadReleaseManifestStep extends Step {

    private String file;
    private String text;

    @DataBoundConstructor
    public ReadReleaseManifestStep() {}

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public String getText() {
        return text;
    }

    @DataBoundSetter
    public void setText(String text) {
        this.text = Util.fixEmpty(text);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "readReleaseManifest";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReadReleaseManifestStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class);
        }

        public FormValidation doCheckFile(@QueryParameter String value) {
            return ManifestFiles.checkOptionalPath(value);
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient ReadReleaseManifestStep step;

        Execution(ReadReleaseManifestStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if ((step.file == null) == (step.text == null)) {
                throw new AbortException(Messages.ReadReleaseManifestStep_FileOrText());
            }
            TaskListener listener = getContext().get(TaskListener.class);
            LoadedManifest manifest;
            try {
                manifest = step.text != null
                        ? ManifestFiles.parse(step.text)
                        : ManifestFiles.read(getContext().get(FilePath.class), step.file);
            } catch (ManifestException e) {
                throw new AbortException(e.getMessage());
            }
            ManifestFiles.print(listener, manifest.warnings());
            return ScriptValues.copyOf(ManifestMaps.release(manifest.release()));
        }
    }
}
