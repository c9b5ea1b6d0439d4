package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.gitops.DeclaredReleasesCache;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.ManifestPathPattern;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/**
 * The git repository of the release manifests, for the release board: each environment whose manifest there
 * declares something else than what the ledger says runs (after a rollback, say) is marked {@code git ≠ live}.
 * Set by administrators in the global configuration, never by a Pipeline: the controller reads only this
 * repository, into a cache under {@code JENKINS_HOME}, with the credentials chosen here, at most once a minute.
 */
public class ReleaseBoardManifests implements Describable<ReleaseBoardManifests> {

    private static final Logger LOGGER = Logger.getLogger(ReleaseBoardManifests.class.getName());

    /** The longest one network operation of a fetch may take; a board request waits at most for one fetch. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(20);

    /** The variable name the password is looked up by: never set anywhere, only answered by the lookup below. */
    private final String repository;

    private String pathPattern;
    private String branch;
    private String credentialsId;

    /**
     * @throws IllegalArgumentException when {@code repository} is not a repository URL
     */
    @DataBoundConstructor
    public ReleaseBoardManifests(String repository) {
        String url = Util.fixEmptyAndTrim(repository);
        location(url);
        this.repository = url;
    }

    /** The repository's URL ({@code https://}, {@code ssh://}, {@code git@host:path} or {@code file://}). */
    public String getRepository() {
        return repository;
    }

    /** Where each environment's manifest is in the repository; {@code releases/{env}.yaml} unless set. */
    public String getPathPattern() {
        return pathPattern == null ? ManifestPathPattern.DEFAULT.pattern() : pathPattern;
    }

    /**
     * @throws IllegalArgumentException when the pattern has no {@code {env}}
     */
    @DataBoundSetter
    public void setPathPattern(String pathPattern) {
        String pattern = Util.fixEmptyAndTrim(pathPattern);
        if (pattern != null) {
            pathProblem(pattern).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        this.pathPattern = pattern == null || pattern.equals(ManifestPathPattern.DEFAULT.pattern()) ? null : pattern;
    }

    /** The branch read; null for the one the repository's HEAD points at. */
    @CheckForNull
    public String getBranch() {
        return branch;
    }

    /**
     * @throws IllegalArgumentException when it cannot name a branch
     */
    @DataBoundSetter
    public void setBranch(String branch) {
        String name = Util.fixEmptyAndTrim(branch);
        if (name != null) {
            DeclaredReleasesCache.branchProblem(name).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        this.branch = name;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** The board's view of the repository, fetched into the controller's cache at most once a minute. */
    DeclaredReleasesCache cache() {
        return cache(
                new File(Jenkins.get().getRootDir(), "caches/release-train-board-git").toPath(),
                warning -> LOGGER.log(Level.WARNING, warning));
    }

    private DeclaredReleasesCache cache(Path cacheRoot, Consumer<String> warnings) {
        String pattern = getPathPattern();
        return new DeclaredReleasesCache(
                location(repository),
                () -> access(cacheRoot),
                new ManifestPathPattern(pattern),
                Optional.ofNullable(branch),
                DeclaredReleasesCache.DEFAULT_MAX_AGE,
                Clock.systemUTC(),
                warnings);
    }

    /** How to reach the repository, with the configured credentials as they are now. */
    private GitAccess access(Path cacheRoot) {
        StandardUsernamePasswordCredentials login = null;
        if (credentialsId != null) {
            login = GlobalCredentialsItems.find(StandardUsernamePasswordCredentials.class, credentialsId);
            if (login == null) {
                throw new IllegalStateException(Messages.ReleaseBoardManifests_NoCredentials(credentialsId));
            }
        }
        return GitLogins.access(login, cacheRoot, FETCH_TIMEOUT);
    }

    /**
     * A repository on a server, or on the controller's disk as {@code file://}: a plain path would be read
     * relative to wherever the controller happens to run.
     */
    private static RepositoryLocation location(@CheckForNull String url) {
        if (url == null) {
            throw new IllegalArgumentException(Messages.ReleaseBoardManifests_NoRepository());
        }
        RepositoryLocation location;
        try {
            location = RepositoryLocation.parse(url);
        } catch (GitOpsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!location.isRemote()) {
            throw new IllegalArgumentException(Messages.ReleaseBoardManifests_NotAUrl(location.display()));
        }
        return location;
    }

    private static Optional<String> pathProblem(String pattern) {
        try {
            new ManifestPathPattern(pattern);
            return Optional.empty();
        } catch (GitOpsException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Extension
    @Symbol("boardManifests")
    public static class DescriptorImpl extends Descriptor<ReleaseBoardManifests> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseBoardManifests_DisplayName();
        }

        @POST
        public FormValidation doCheckRepository(@QueryParameter String value) {
            return AdminFormChecks.accepts(value, ReleaseBoardManifests::location);
        }

        @POST
        public FormValidation doCheckPathPattern(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String pattern = Util.fixEmptyAndTrim(value);
            return pattern == null
                    ? FormValidation.ok()
                    : pathProblem(pattern).map(FormValidation::error).orElse(FormValidation.ok());
        }

        @POST
        public FormValidation doCheckBranch(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String name = Util.fixEmptyAndTrim(value);
            return name == null
                    ? FormValidation.ok()
                    : DeclaredReleasesCache.branchProblem(name)
                            .map(FormValidation::error)
                            .orElse(FormValidation.ok());
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return GlobalCredentialsItems.of(
                    credentialsId, CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
        }

        /**
         * Reads the repository as the board would, now, with the settings in the form: the branch and commit
         * read and which configured environments have a manifest there. Only administrators may make the
         * controller contact a repository, and only by a POST.
         */
        @RequirePOST
        public FormValidation doTestConnection(
                @QueryParameter String repository,
                @QueryParameter String pathPattern,
                @QueryParameter String branch,
                @QueryParameter String credentialsId)
                throws IOException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ReleaseBoardManifests settings;
            try {
                settings = new ReleaseBoardManifests(repository);
                settings.setPathPattern(pathPattern);
                settings.setBranch(branch);
                settings.setCredentialsId(credentialsId);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            // a cache of its own, so that the check never races the board's fetches; deleted afterwards
            Path cacheRoot = Files.createTempDirectory("release-train-board-check");
            try {
                List<String> warnings = new ArrayList<>();
                DeclaredReleasesCache cache = settings.cache(cacheRoot, warnings::add);
                DeclaredReleasesCache.Fetched fetched = cache.fetchNow();
                DeclaredReleases declared = cache.current();
                List<String> found = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (ReleaseEnvironment environment :
                        ReleaseTrainConfiguration.get().getEnvironments()) {
                    (declared.of(environment.getName()).isPresent() ? found : missing).add(environment.getName());
                }
                String read = Messages.ReleaseBoardManifests_Read(
                        fetched.branch(),
                        fetched.commit().substring(0, 12),
                        found.isEmpty() ? "-" : String.join(", ", found),
                        missing.isEmpty() ? "-" : String.join(", ", missing));
                return warnings.isEmpty()
                        ? FormValidation.ok(read)
                        : FormValidation.warning(read + " " + String.join("; ", warnings));
            } catch (GitOpsException | IllegalArgumentException | IllegalStateException e) {
                return FormValidation.error(e.getMessage());
            } finally {
                Util.deleteRecursive(cacheRoot.toFile());
            }
        }
    }
}
