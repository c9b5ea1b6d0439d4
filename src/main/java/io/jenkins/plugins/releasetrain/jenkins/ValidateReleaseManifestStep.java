package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.changelog.ManifestCheck;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionScope;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

public class ValidateReleaseManifestStep extends Step {

    private final String file;
    private String against;
    private boolean failOnError = true;
    private boolean publishChecks = true;
    private String checksName = DescriptorImpl.DEFAULT_CHECKS_NAME;

    @DataBoundConstructor
    public ValidateReleaseManifestStep(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    public String getFile() {
        return file;
    }

    public String getAgainst() {
        return against;
    }

    @DataBoundSetter
    public void setAgainst(String against) {
        this.against = Util.fixEmptyAndTrim(against);
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    public boolean isPublishChecks() {
        return publishChecks;
    }

    /** Whether to publish the result to the pull request through the Checks API plugin, when it is installed. */
    @DataBoundSetter
    public void setPublishChecks(boolean publishChecks) {
        this.publishChecks = publishChecks;
    }

    public String getChecksName() {
        return checksName;
    }

    @DataBoundSetter
    public void setChecksName(String checksName) {
        String name = Util.fixEmptyAndTrim(checksName);
        this.checksName = name == null ? DescriptorImpl.DEFAULT_CHECKS_NAME : name;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        /** The check's name on the pull request, unless the step names it. */
        public static final String DEFAULT_CHECKS_NAME = "Release manifest";

        @Override
        public String getFunctionName() {
            return "validateReleaseManifest";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ValidateReleaseManifestStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }

        public FormValidation doCheckFile(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
        }

        public FormValidation doCheckAgainst(@QueryParameter String value) {
            return ManifestFiles.checkOptionalPath(value);
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient ValidateReleaseManifestStep step;

        Execution(ValidateReleaseManifestStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", step.file);
            List<Diagnostic> diagnostics = new ArrayList<>();
            LoadedManifest manifest = null;
            try {
                manifest = ManifestFiles.read(workspace, step.file);
                diagnostics.addAll(manifest.warnings());
            } catch (ManifestException e) {
                diagnostics.addAll(e.diagnostics());
            }
            ManifestFiles.print(listener, diagnostics);
            PromotionPlan plan = manifest == null ? null : plan(workspace, listener, manifest);
            boolean valid = diagnostics.stream().noneMatch(Diagnostic::isError);
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            listener.getLogger()
                    .println(
                            valid
                                    ? Messages.ValidateReleaseManifestStep_Valid(step.file)
                                    : Messages.ValidateReleaseManifestStep_Invalid(step.file, errors));
            if (plan != null) {
                listener.getLogger().print(plan.describe());
            }
            Run<?, ?> run = getContext().get(Run.class);
            if (step.publishChecks) {
                ManifestCheckPublication.publish(
                        run,
                        listener,
                        ManifestCheck.of(
                                step.checksName,
                                step.file,
                                diagnostics,
                                Optional.ofNullable(plan).map(PromotionPlan::plan),
                                plan == null ? Optional.empty() : ReleaseChangelogs.of(run, plan.plan(), listener)));
            }
            run.addAction(new ManifestValidationAction(step.file, diagnostics, plan == null ? null : plan.describe()));
            // Saved now: the validation shows on the build page even if the controller stops before the build ends.
            BuildRecords.save(run, listener);
            if (!valid && step.failOnError) {
                throw new AbortException(Messages.ValidateReleaseManifestStep_Invalid(step.file, errors));
            }
            result.put("valid", valid);
            result.put(
                    "releaseId",
                    manifest == null ? null : manifest.release().id().value());
            result.put("diagnostics", ManifestMaps.diagnostics(diagnostics));
            result.put("plan", plan == null ? null : plan.toMap());
            return ScriptValues.copyOf(result);
        }

        private PromotionPlan plan(FilePath workspace, TaskListener listener, LoadedManifest manifest)
                throws Exception {
            if (step.against == null) {
                return null;
            }
            LoadedManifest deployed;
            try {
                deployed = ManifestFiles.read(workspace, step.against);
            } catch (ManifestException e) {
                listener.getLogger().println(Messages.ValidateReleaseManifestStep_AgainstInvalid(step.against));
                ManifestFiles.print(listener, e.diagnostics());
                return null;
            }
            return PromotionPlan.of(
                    ReleasePlan.of(manifest.release(), Optional.of(deployed.release())),
                    ReleaseTrainConfiguration.get().jobTemplate(),
                    PromotionScope.changed());
        }
    }
}
