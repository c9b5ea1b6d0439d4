package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.CommitReferences;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where the repositories behind the manifests' {@code gitRepoName}s are, so that approvers see the commits a
 * release brings: set by administrators in the global configuration, never by a Pipeline. The controller reads
 * only these locations, into a cache under {@code JENKINS_HOME}, with the credentials chosen here.
 */
public class ReleaseChangelogSource implements Describable<ReleaseChangelogSource> {

    /** Reading repositories for an approval prompt may hold the prompt up this long, at most. */
    static final Duration BUDGET = Duration.ofSeconds(60);

    private final String repositoryTemplate;
    private String repositories;
    private String credentialsId;
    private int limit = ChangelogOptions.DEFAULT_LIMIT;
    private String registry;
    private String issuePattern;

    @DataBoundConstructor
    public ReleaseChangelogSource(String repositoryTemplate) {
        this.repositoryTemplate = Util.fixEmptyAndTrim(repositoryTemplate);
        locator();
    }

    public String getRepositoryTemplate() {
        return repositoryTemplate;
    }

    @CheckForNull
    public String getRepositories() {
        return repositories;
    }

    /**
     * @throws IllegalArgumentException naming the line that is not {@code NAME=URL}
     */
    @DataBoundSetter
    public void setRepositories(String repositories) {
        String text = Util.fixEmptyAndTrim(repositories);
        RepositoryLocator.parseOverrides(text);
        this.repositories = text;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public int getLimit() {
        return limit;
    }

    @DataBoundSetter
    public void setLimit(int limit) {
        this.limit = Math.max(1, Math.min(limit, 1000));
    }

    /** The configured image registry whose images' labels say which commit each was built from; null for none. */
    @CheckForNull
    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    /** The issue keys to pick out of commit messages; null for the default ({@code PAY-123}). */
    @CheckForNull
    public String getIssuePattern() {
        return issuePattern;
    }

    /**
     * @throws IllegalArgumentException when it is not a regular expression, or matches an empty string
     */
    @DataBoundSetter
    public void setIssuePattern(String issuePattern) {
        String pattern = Util.fixEmptyAndTrim(issuePattern);
        if (pattern != null) {
            CommitReferences.withIssuePattern(pattern);
        }
        this.issuePattern = pattern;
    }

    private CommitReferences references() {
        return issuePattern == null ? CommitReferences.defaults() : CommitReferences.withIssuePattern(issuePattern);
    }

    RepositoryLocator locator() {
        return new RepositoryLocator(
                Optional.ofNullable(repositoryTemplate), RepositoryLocator.parseOverrides(repositories));
    }

    /** The changelog reader for a build of {@code run}, with the credentials configured here as the build sees them. */
    Changelogs changelogs(Run<?, ?> run, ImageOrigins images) throws AbortException {
        if (credentialsId == null) {
            return reader(null, images);
        }
        StandardUsernamePasswordCredentials login =
                CredentialsProvider.findCredentialById(credentialsId, StandardUsernamePasswordCredentials.class, run);
        if (login == null) {
            throw new AbortException(Messages.ReleaseChangelogSource_NoCredentials(credentialsId));
        }
        CredentialsProvider.track(run, login);
        return reader(login, images);
    }

    /**
     * The changelog reader for the release board, which no build reads: the credentials configured here, looked up
     * among Jenkins' global ones (those a build could use too).
     */
    Changelogs changelogsForBoard() throws AbortException {
        if (credentialsId == null) {
            return reader(null, ImageOrigins.NONE);
        }
        StandardUsernamePasswordCredentials login =
                GlobalCredentialsItems.find(StandardUsernamePasswordCredentials.class, credentialsId);
        if (login == null) {
            throw new AbortException(Messages.ReleaseChangelogSource_NoCredentials(credentialsId));
        }
        return reader(login, ImageOrigins.NONE);
    }

    private Changelogs reader(@CheckForNull StandardUsernamePasswordCredentials login, ImageOrigins images) {
        GitAccess access = GitLogins.access(
                login,
                new File(Jenkins.get().getRootDir(), "caches/release-train-git").toPath(),
                Duration.ofSeconds(30));
        return new Changelogs(
                locator(),
                access,
                ChangelogOptions.defaults()
                        .withLimit(limit)
                        .withReferences(references())
                        .withBudget(BUDGET),
                images,
                Clock.systemUTC());
    }

    @Extension
    @Symbol("changelog")
    public static class DescriptorImpl extends Descriptor<ReleaseChangelogSource> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseChangelogSource_DisplayName();
        }

        @POST
        public FormValidation doCheckRepositoryTemplate(@QueryParameter String value) {
            return AdminFormChecks.accepts(
                    value, template -> new RepositoryLocator(Optional.ofNullable(template), java.util.Map.of()));
        }

        @POST
        public FormValidation doCheckIssuePattern(@QueryParameter String value) {
            return AdminFormChecks.accepts(value, pattern -> {
                if (pattern != null) {
                    CommitReferences.withIssuePattern(pattern);
                }
            });
        }

        @POST
        public FormValidation doCheckRepositories(@QueryParameter String value) {
            // The overrides are read untrimmed, as the setting reads them.
            return AdminFormChecks.accepts(value, trimmed -> RepositoryLocator.parseOverrides(value));
        }

        @POST
        public ListBoxModel doFillRegistryItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.ReleaseChangelogSource_NoRegistry(), "");
            ReleaseTrainConfiguration.get().getRegistries().forEach(r -> items.add(r.getName()));
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return GlobalCredentialsItems.of(
                    credentialsId, CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
        }
    }
}
