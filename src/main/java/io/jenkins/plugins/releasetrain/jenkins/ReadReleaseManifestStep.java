package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.manifest.Release;
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

public class ReadReleaseManifestStep extends Step {

    private String file;
    private String text;
    private String release;
    private boolean hotfix;
    private String dropHotfix;

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

    public String getRelease() {
        return release;
    }

    /** The id of a release this build read before: gives its content again, with no workspace needed. */
    @DataBoundSetter
    public void setRelease(String release) {
        this.release = Util.fixEmptyAndTrim(release);
    }

    public boolean isHotfix() {
        return hotfix;
    }

    /** Release it as a hotfix: decided by the rule's hotfix lane, recorded and shown as a hotfix. */
    @DataBoundSetter
    public void setHotfix(boolean hotfix) {
        this.hotfix = hotfix;
    }

    @CheckForNull
    public String getDropHotfix() {
        return dropHotfix;
    }

    /** Why this regular release may replace hotfixed artifacts with commits that do not contain the fix. */
    @DataBoundSetter
    public void setDropHotfix(String dropHotfix) {
        this.dropHotfix = Util.fixEmptyAndTrim(dropHotfix);
    }

    /** How the Pipeline asks to release what it reads; empty when it says nothing about it. */
    Optional<ReleaseKind> kind() throws AbortException {
        if (hotfix && dropHotfix != null) {
            throw new AbortException(Messages.ReadReleaseManifestStep_HotfixOrDrop());
        }
        if (hotfix) {
            return Optional.of(ReleaseKind.hotfix());
        }
        return Optional.ofNullable(dropHotfix).map(ReleaseKind::droppingHotfixes);
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
            return Set.of(Run.class, TaskListener.class);
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
            int given = (step.file == null ? 0 : 1) + (step.text == null ? 0 : 1) + (step.release == null ? 0 : 1);
            if (given != 1) {
                throw new AbortException(Messages.ReadReleaseManifestStep_FileOrText());
            }
            Optional<ReleaseKind> kind = step.kind();
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            LoadedManifest manifest;
            if (step.release != null) {
                manifest = ReleaseSource.registered(run, step.release, "readReleaseManifest")
                        .loaded();
            } else if (step.text != null) {
                try {
                    manifest = ManifestFiles.parse(step.text);
                } catch (ManifestException e) {
                    throw new AbortException(e.getMessage());
                }
                ReadReleases.of(run)
                        .register(
                                ManifestFiles.TEXT_SOURCE,
                                step.text,
                                manifest.release().id().value(),
                                WorkspaceAuthors.Found.unknown("the manifest was given to the Pipeline as text"));
            } else {
                manifest = ReleaseSource.read(run, getContext().get(FilePath.class), step.file)
                        .loaded();
            }
            ReleaseKind releasedAs = releaseAs(run, manifest.release(), kind);
            BuildRecords.save(run, listener);
            ManifestFiles.print(listener, manifest.warnings());
            Map<String, Object> result = ManifestMaps.release(manifest.release());
            result.put(
                    "promotionOrder",
                    promotionOrder(manifest.release().environment().name()));
            ReadReleaseRollbackStep.requested(run).ifPresent(r -> result.put("rollbackRequested", r));
            result.put("hotfix", releasedAs.isHotfix());
            return ScriptValues.copyOf(result);
        }

        /**
         * Keeps how the build releases what it read. A hotfix needs a rule with a hotfix lane where one protects the
         * environment (else the regular rule, promotion order and all, would decide a release recorded as a hotfix).
         */
        private static ReleaseKind releaseAs(Run<?, ?> run, Release release, Optional<ReleaseKind> kind)
                throws AbortException {
            String environment = release.environment().name();
            if (kind.filter(ReleaseKind::isHotfix).isPresent()) {
                Optional<ProtectionRule> rule = ReleaseGate.rule(environment);
                if (rule.isPresent() && rule.get().hotfix().isEmpty()) {
                    throw new AbortException(Messages.ReadReleaseManifestStep_NoHotfixLane(
                            rule.get().name(), environment));
                }
            }
            try {
                return ReadReleases.of(run)
                        .releaseAs(release.id().value(), kind.orElse(ReleaseKind.REGULAR), kind.isPresent());
            } catch (IllegalStateException e) {
                throw new AbortException(Messages.ReadReleaseManifestStep_KindSettled(
                        release.id().shortForm(), environment, e.getMessage()));
            }
        }

        /**
         * Where the environment stands in the order administrators list the environments in (staging before
         * production): a Pipeline that releases several manifests sorts them by it. Environments not listed come
         * after every listed one.
         */
        private static int promotionOrder(String environment) {
            List<ReleaseEnvironment> environments =
                    ReleaseTrainConfiguration.get().getEnvironments();
            for (int i = 0; i < environments.size(); i++) {
                if (environments.get(i).getName().equals(environment)) {
                    return i;
                }
            }
            return environments.size();
        }
    }
}
