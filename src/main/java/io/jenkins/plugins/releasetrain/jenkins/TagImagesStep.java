package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageMaps;
import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.RegistryChoice;
import io.jenkins.plugins.releasetrain.image.ReleaseImages;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

public class TagImagesStep extends ReleaseStep {

    private String registry;
    private String credentialsId;
    private boolean dryRun;
    private boolean force;
    private int concurrency = PromotionOptions.DEFAULT_CONCURRENCY;
    private List<String> products;
    private boolean failOnError = true;

    @DataBoundConstructor
    public TagImagesStep(String manifest) {
        super(manifest);
    }

    @CheckForNull
    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @CheckForNull
    public List<String> getProducts() {
        return products == null ? null : List.copyOf(products);
    }

    @DataBoundSetter
    public void setProducts(List<String> products) {
        this.products = products == null ? null : new ArrayList<>(products);
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "tagImages";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TagImagesStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return ManifestFiles.checkPath(value);
        }

        public FormValidation doCheckConcurrency(@QueryParameter int value) {
            return value < 1 || value > PromotionOptions.MAX_CONCURRENCY
                    ? FormValidation.error(Messages.TagImagesStep_Concurrency(PromotionOptions.MAX_CONCURRENCY))
                    : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null
                    ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(Util.fixNull(credentialsId));
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item,
                            StandardCredentials.class,
                            List.of(),
                            CredentialsMatchers.anyOf(
                                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                                    CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class)))
                    .includeCurrentValue(Util.fixNull(credentialsId));
        }
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient TagImagesStep step;

        Execution(TagImagesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            LoadedManifest loaded = step.source(getContext(), "tagImages").loaded();
            ManifestFiles.print(listener, loaded.warnings());
            Release release = loaded.release();
            if (!step.dryRun) {
                ReleaseJobs.requireAllowed(run, release.environment().name());
                ReleaseGate.requireLetThrough(run, release);
            }
            List<PromotionRequest> requests;
            Optional<ReleaseRollback> rollback;
            RegistryChoice choice;
            PromotionOptions options;
            try {
                requests = step.products == null
                        ? ReleaseImages.requests(release)
                        : ReleaseImages.requests(release, new LinkedHashSet<>(step.products));
                rollback = ReadReleases.rollback(run, release.id().value());
                if (rollback.isPresent()) {
                    requests = pinned(requests, rollback.get());
                }
                choice = RegistryChoice.of(
                        Optional.ofNullable(step.registry),
                        Optional.ofNullable(step.credentialsId),
                        ReleaseTrainConfiguration.get().namedRegistries(),
                        ReleaseTrainConfiguration.get().registryHosts());
                // A rollback moves the tags back to where they were: going back is the point.
                options = PromotionOptions.DEFAULTS
                        .withDryRun(step.dryRun)
                        .withForce(step.force || rollback.isPresent())
                        .withConcurrency(step.concurrency);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            listener.getLogger()
                    .println(Messages.TagImagesStep_Tagging(
                            requests.size(),
                            release.environment().name(),
                            release.id().shortForm(),
                            choice.reference().text(),
                            step.dryRun ? Messages.TagImagesStep_DryRun() : ""));
            PromotionReport report = promote(run, choice, options, requests, listener);
            listener.getLogger().println(report.summaryLine());
            ImagePromotionAction action = ImagePromotionAction.of(run);
            action.add(report);
            BuildRecords.save(run, listener);
            if (!report.succeeded() && step.failOnError) {
                throw new AbortException(Messages.TagImagesStep_Failed(
                        report.summaryLine(),
                        report.images().stream()
                                .filter(ImageResult::failed)
                                .map(ImageResult::artifactId)
                                .collect(Collectors.joining(", "))));
            }
            return ScriptValues.copyOf(ImageMaps.report(report));
        }

        /**
         * Each image of a rollback on the exact digest the ledger says it had after the run the rollback goes back
         * to, wherever its source tag points now.
         */
        private static List<PromotionRequest> pinned(List<PromotionRequest> requests, ReleaseRollback rollback)
                throws AbortException {
            Map<String, String> pins = rollback.pins();
            List<PromotionRequest> pinned = new ArrayList<>();
            for (PromotionRequest request : requests) {
                String digest = pins.get(request.artifactId());
                if (digest == null) {
                    // Cannot happen: readReleaseRollback refuses a target with an image of unknown digest.
                    throw new AbortException(Messages.TagImagesStep_NotPinned(request.artifactId(), rollback.to()));
                }
                pinned.add(PromotionRequest.pinned(
                        request.artifactId(),
                        request.destinationRepository(),
                        Digest.parse(digest),
                        request.destinationTag()));
            }
            return pinned;
        }

        private static PromotionReport promote(
                Run<?, ?> run,
                RegistryChoice choice,
                PromotionOptions options,
                List<PromotionRequest> requests,
                TaskListener listener)
                throws IOException {
            return RegistryConnections.with(
                    run,
                    choice,
                    registry -> new ImagePromotion(registry, options)
                            .run(requests, result -> listener.getLogger().println(result.describe())));
        }
    }
}
