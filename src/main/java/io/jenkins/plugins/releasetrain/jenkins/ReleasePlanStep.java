package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

public class ReleasePlanStep extends ReleaseStep {

    private String against;
    private String jobTemplate;
    private boolean resume;
    private boolean all;

    @DataBoundConstructor
    public ReleasePlanStep(String manifest) {
        super(manifest);
    }

    public String getAgainst() {
        return against;
    }

    @DataBoundSetter
    public void setAgainst(String against) {
        this.against = Util.fixEmptyAndTrim(against);
    }

    public String getJobTemplate() {
        return jobTemplate;
    }

    @DataBoundSetter
    public void setJobTemplate(String jobTemplate) {
        this.jobTemplate = Util.fixEmptyAndTrim(jobTemplate);
    }

    public boolean isResume() {
        return resume;
    }

    @DataBoundSetter
    public void setResume(boolean resume) {
        this.resume = resume;
    }

    public boolean isAll() {
        return all;
    }

    @DataBoundSetter
    public void setAll(boolean all) {
        this.all = all;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "releasePlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleasePlanStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
        }

        public FormValidation doCheckJobTemplate(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            return JobTemplate.problem(value.trim()).map(FormValidation::error).orElse(FormValidation.ok());
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient ReleasePlanStep step;

        Execution(ReleasePlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
            if (step.all && step.resume) {
                throw new AbortException(Messages.ReleasePlanStep_AllOrResume());
            }
            JobTemplate jobTemplate = JobTemplates.forPipeline(step.jobTemplate);
            Run<?, ?> run = getContext().get(Run.class);
            LoadedManifest target = step.source(getContext(), "releasePlan").loaded();
            try {
                ManifestFiles.print(listener, target.warnings());
                String environment = target.release().environment().name();
                if (!configuration.isKnownEnvironment(environment)) {
                    throw new AbortException(
                            Messages.ReleasePlanStep_UnknownEnvironment(environment, configuration.environmentNames()));
                }
                Optional<Release> deployed = Optional.empty();
                if (step.against != null) {
                    deployed = Optional.of(
                            ManifestFiles.read(workspace, step.against).release());
                    String deployedEnvironment = deployed.get().environment().name();
                    if (!deployedEnvironment.equals(environment)) {
                        listener.getLogger()
                                .println(Messages.ReleasePlanStep_OtherEnvironment(
                                        step.against, deployedEnvironment, environment));
                    }
                }
                PromotionPlan plan = ReleaseLedger.promotionPlan(
                        ReleaseLedger.get(),
                        target.release(),
                        deployed,
                        jobTemplate,
                        step.all,
                        step.resume,
                        ReadReleases.rollback(run, target.release().id().value()),
                        listener);
                return ScriptValues.copyOf(plan.toMap());
            } catch (ManifestException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }
}
