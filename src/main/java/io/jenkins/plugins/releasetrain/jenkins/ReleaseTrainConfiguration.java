package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ProtectionPolicy;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.board.BoardChanges;
import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.changelog.ChangelogBoardChanges;
import io.jenkins.plugins.releasetrain.gitops.DeclaredReleasesCache;
import io.jenkins.plugins.releasetrain.image.RegistryChoice;
import io.jenkins.plugins.releasetrain.image.RegistryHosts;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.JobTemplateChoice;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * What administrators decide for every release: the environments in promotion order, the image registries,
 * the protection rules of environments, where the ledger lives, which job deploys a {@code workflowBase} and
 * which repository of manifests the board compares with what runs. Nothing here comes from a manifest or a
 * Jenkinsfile, so the people who write those cannot change it.
 */
@Extension
@Symbol("releaseTrain")
public class ReleaseTrainConfiguration extends GlobalConfiguration {

    private List<ReleaseEnvironment> environments = new ArrayList<>();
    private List<ReleaseRegistry> registries = new ArrayList<>();
    private List<ReleaseProtectionRule> protectionRules = new ArrayList<>();
    private String ledgerDirectory;
    private String defaultJobTemplate;
    private boolean allowPipelineJobTemplate;
    private String allowedRegistryHosts;
    private ReleaseChangelogSource changelog;
    private List<ReleaseWebhook> webhooks;
    /** The board's changelog reader for {@link #changelog}, kept so that each range is read once. */
    private transient BoardChanges boardChanges;
    /** The git repository of the release manifests, for the board's git drift; null when not compared. */
    private ReleaseBoardManifests boardManifests;
    /** What {@link #boardManifests} declares, as last fetched: shared by every board request. */
    private transient volatile Supplier<DeclaredReleases> boardDeclared;

    private static final java.util.logging.Logger LOGGER =
            java.util.logging.Logger.getLogger(ReleaseTrainConfiguration.class.getName());

    private transient Ledger ledger;
    /** Why the configuration read from disk is unusable; releases fail closed until it is fixed. */
    private transient String loadProblem;

    public ReleaseTrainConfiguration() {
        load();
    }

    @Override
    public synchronized void load() {
        super.load();
        boardDeclared = null;
        // A file edited by hand or written by an older version is checked like the form and configuration as code.
        loadProblem = ConfigurationCheck.all(getEnvironments(), getRegistries(), getProtectionRules())
                .map(p -> p.field() + ": " + p.message())
                .orElse(null);
        if (loadProblem != null) {
            LOGGER.severe(Messages.ConfigurationCheck_InvalidFile(loadProblem));
        }
    }

    public static ReleaseTrainConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseTrainConfiguration.class);
    }

    public List<ReleaseEnvironment> getEnvironments() {
        return environments == null ? List.of() : Collections.unmodifiableList(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<ReleaseEnvironment> environments) {
        List<ReleaseEnvironment> list = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        ConfigurationCheck.require(ConfigurationCheck.environments(list));
        this.environments = list;
        loadProblem = null;
        save();
    }

    public List<ReleaseRegistry> getRegistries() {
        return registries == null ? List.of() : Collections.unmodifiableList(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<ReleaseRegistry> registries) {
        List<ReleaseRegistry> list = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        ConfigurationCheck.require(ConfigurationCheck.registries(list));
        this.registries = list;
        loadProblem = null;
        save();
    }

    public List<ReleaseProtectionRule> getProtectionRules() {
        return protectionRules == null ? List.of() : Collections.unmodifiableList(protectionRules);
    }

    /**
     * @throws IllegalArgumentException when a rule cannot work (a quorum nobody can reach, a window that ends
     *     before it starts), saying what to fix
     */
    @DataBoundSetter
    public void setProtectionRules(List<ReleaseProtectionRule> protectionRules) {
        List<ReleaseProtectionRule> rules =
                protectionRules == null ? new ArrayList<>() : new ArrayList<>(protectionRules);
        ConfigurationCheck.require(ConfigurationCheck.protectionRules(rules));
        policyOf(rules);
        this.protectionRules = rules;
        loadProblem = null;
        save();
    }

    /** The protection rules as the approval engine applies them, in order: the first that matches decides. */
    public ProtectionPolicy policy() {
        if (loadProblem != null) {
            throw new IllegalArgumentException(Messages.ConfigurationCheck_InvalidFile(loadProblem));
        }
        return policyOf(getProtectionRules());
    }

    private static ProtectionPolicy policyOf(List<ReleaseProtectionRule> rules) {
        List<ProtectionRule> converted = new ArrayList<>();
        for (ReleaseProtectionRule rule : rules) {
            try {
                converted.add(rule.toRule());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        Messages.ReleaseTrainConfiguration_InvalidRule(rule.getName(), e.getMessage()), e);
            }
        }
        return new ProtectionPolicy(converted);
    }

    /** The registries as the image engine's choice of a registry sees them. */
    public List<RegistryChoice.NamedRegistry> namedRegistries() {
        return getRegistries().stream()
                .map(r -> new RegistryChoice.NamedRegistry(
                        r.getName(), r.reference(), r.getCredentialsId(), r.isInsecure()))
                .toList();
    }

    public String getLedgerDirectory() {
        return ledgerDirectory;
    }

    @DataBoundSetter
    public void setLedgerDirectory(String ledgerDirectory) {
        String directory = Util.fixEmptyAndTrim(ledgerDirectory);
        if (directory != null && !new File(directory).isAbsolute()) {
            throw new IllegalArgumentException(Messages.ReleaseTrainConfiguration_LedgerNotAbsolute(directory));
        }
        this.ledgerDirectory = directory;
        save();
    }

    /** The ledger directory: the configured one, or {@code $JENKINS_HOME/release-train/ledger}. */
    public File getLedgerRoot() {
        return ledgerDirectory != null
                ? new File(ledgerDirectory)
                : new File(new File(Jenkins.get().getRootDir(), "release-train"), "ledger");
    }

    /** The ledger in {@link #getLedgerRoot()}, opened once and kept: it remembers what it already parsed. */
    public synchronized Ledger ledger() {
        Path root = getLedgerRoot().toPath().toAbsolutePath().normalize();
        if (ledger == null || !ledger.directory().equals(root)) {
            ledger = Ledger.open(root);
        }
        return ledger;
    }

    public String getDefaultJobTemplate() {
        return defaultJobTemplate != null ? defaultJobTemplate : JobTemplate.DEFAULT.template();
    }

    @DataBoundSetter
    public void setDefaultJobTemplate(String defaultJobTemplate) {
        String template = Util.fixEmptyAndTrim(defaultJobTemplate);
        if (template != null) {
            JobTemplate.problem(template).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        this.defaultJobTemplate = template == null || template.equals(JobTemplate.DEFAULT.template()) ? null : template;
        save();
    }

    public JobTemplate jobTemplate() {
        return new JobTemplate(getDefaultJobTemplate());
    }

    /** The hosts of registries a Pipeline may name itself, beyond the configured registries; empty: none. */
    @CheckForNull
    public String getAllowedRegistryHosts() {
        return allowedRegistryHosts;
    }

    /**
     * @throws IllegalArgumentException naming the malformed host (configuration as code reports it)
     */
    @DataBoundSetter
    public void setAllowedRegistryHosts(String allowedRegistryHosts) {
        String text = Util.fixEmptyAndTrim(allowedRegistryHosts);
        RegistryHosts.parse(text);
        this.allowedRegistryHosts = text;
        save();
    }

    public RegistryHosts registryHosts() {
        return RegistryHosts.parse(allowedRegistryHosts);
    }

    @POST
    public FormValidation doCheckAllowedRegistryHosts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            RegistryHosts.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Where the controller sends release events; only these URLs, set here by an administrator. */
    public List<ReleaseWebhook> getWebhooks() {
        return webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    @DataBoundSetter
    public void setWebhooks(List<ReleaseWebhook> webhooks) {
        this.webhooks = webhooks == null ? null : new ArrayList<>(webhooks);
        save();
    }

    /** Where the repositories of the manifests are, for changelogs; null when changelogs are not shown. */
    @CheckForNull
    public ReleaseChangelogSource getChangelog() {
        return changelog;
    }

    @DataBoundSetter
    public void setChangelog(ReleaseChangelogSource changelog) {
        this.changelog = changelog;
        boardChanges = null;
        save();
    }

    /**
     * What live deployments brought, for the release board: read from the configured repositories, each range
     * once; nothing while no changelog is configured or its credentials are missing.
     */
    synchronized BoardChanges boardChanges() {
        if (changelog == null) {
            return BoardChanges.NONE;
        }
        if (boardChanges == null) {
            try {
                boardChanges = new ChangelogBoardChanges(changelog.changelogsForBoard());
            } catch (AbortException e) {
                LOGGER.log(java.util.logging.Level.WARNING, e.getMessage());
                return BoardChanges.NONE;
            }
        }
        return boardChanges;
    }

    /** The repository of the release manifests the board compares with what runs; null when it does not. */
    @CheckForNull
    public ReleaseBoardManifests getBoardManifests() {
        return boardManifests;
    }

    @DataBoundSetter
    public void setBoardManifests(ReleaseBoardManifests boardManifests) {
        synchronized (this) {
            this.boardManifests = boardManifests;
            boardDeclared = null;
        }
        save();
    }

    /**
     * What the manifests repository declares for each environment, for one board request: fetched at most once
     * a minute (a request that comes while another fetches gets what was read before); nothing while no
     * repository is configured or it cannot be read. Never throws for the repository's sake.
     */
    DeclaredReleases boardDeclared() {
        Supplier<DeclaredReleases> declared;
        synchronized (this) {
            if (boardManifests == null) {
                return DeclaredReleases.NONE;
            }
            if (boardDeclared == null) {
                try {
                    DeclaredReleasesCache cache = boardManifests.cache();
                    boardDeclared = cache::current;
                } catch (RuntimeException e) {
                    // a file edited by hand (the form and configuration as code refuse such settings): said once
                    LOGGER.log(java.util.logging.Level.WARNING, e.getMessage(), e);
                    boardDeclared = () -> DeclaredReleases.NONE;
                }
            }
            declared = boardDeclared;
        }
        // outside the lock: a fetch takes time, and the configuration is needed meanwhile
        return declared.get();
    }

    /** Whether a Pipeline may deploy through another job template than the one administrators set. */
    public boolean isAllowPipelineJobTemplate() {
        return allowPipelineJobTemplate;
    }

    @DataBoundSetter
    public void setAllowPipelineJobTemplate(boolean allowPipelineJobTemplate) {
        this.allowPipelineJobTemplate = allowPipelineJobTemplate;
        save();
    }

    /**
     * The template a Pipeline's promotion deploys through, given the one it asks for (or null).
     *
     * @throws IllegalArgumentException when administrators do not let it ask for that one
     */
    public JobTemplate jobTemplateFor(@CheckForNull String requested) {
        return JobTemplateChoice.choose(
                Optional.ofNullable(defaultJobTemplate),
                allowPipelineJobTemplate,
                Optional.ofNullable(Util.fixEmptyAndTrim(requested)));
    }

    /** Whether a manifest may name {@code environment}: any name until administrators list the environments. */
    public boolean isKnownEnvironment(String environment) {
        return getEnvironments().isEmpty()
                || getEnvironments().stream().anyMatch(e -> e.getName().equals(environment));
    }

    public String environmentNames() {
        return getEnvironments().stream().map(ReleaseEnvironment::getName).collect(Collectors.joining(", "));
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<ReleaseEnvironment> previousEnvironments = environments;
        List<ReleaseRegistry> previousRegistries = registries;
        List<ReleaseProtectionRule> previousRules = protectionRules;
        String previousLedgerDirectory = ledgerDirectory;
        String previousJobTemplate = defaultJobTemplate;
        ReleaseChangelogSource previousChangelog = changelog;
        ReleaseBoardManifests previousBoardManifests = boardManifests;
        List<ReleaseWebhook> previousWebhooks = webhooks;
        try (BulkChange bc = new BulkChange(this)) {
            bind(req, json);
            bc.commit();
        } catch (FormException e) {
            environments = previousEnvironments;
            registries = previousRegistries;
            protectionRules = previousRules;
            ledgerDirectory = previousLedgerDirectory;
            defaultJobTemplate = previousJobTemplate;
            changelog = previousChangelog;
            boardManifests = previousBoardManifests;
            boardDeclared = null;
            webhooks = previousWebhooks;
            throw e;
        } catch (IOException e) {
            throw new FormException(e, "releaseTrain");
        }
        return true;
    }

    private void bind(StaplerRequest2 req, JSONObject json) throws FormException {
        // Stapler leaves a list alone when its last entry was deleted from the form; start from empty lists.
        environments = new ArrayList<>();
        registries = new ArrayList<>();
        protectionRules = new ArrayList<>();
        webhooks = new ArrayList<>();
        // An unchecked optional section sends nothing: no changelog unless the form has one.
        changelog = null;
        boardChanges = null;
        boardManifests = null;
        boardDeclared = null;
        try {
            req.bindJSON(this, json);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, "releaseTrain");
        }
        Optional<ConfigurationCheck.Problem> problem =
                ConfigurationCheck.all(getEnvironments(), getRegistries(), getProtectionRules());
        if (problem.isPresent()) {
            throw new FormException(problem.get().message(), problem.get().field());
        }
    }

    @POST
    public FormValidation doCheckLedgerDirectory(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String directory = Util.fixEmptyAndTrim(value);
        if (directory == null) {
            return FormValidation.ok(Messages.ReleaseTrainConfiguration_LedgerDefault(getLedgerRoot()));
        }
        return new File(directory).isAbsolute()
                ? FormValidation.ok()
                : FormValidation.error(Messages.ReleaseTrainConfiguration_LedgerNotAbsolute(directory));
    }

    @POST
    public FormValidation doCheckDefaultJobTemplate(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String template = Util.fixEmptyAndTrim(value);
        if (template == null) {
            return FormValidation.ok();
        }
        return JobTemplate.problem(template).map(FormValidation::error).orElse(FormValidation.ok());
    }
}
