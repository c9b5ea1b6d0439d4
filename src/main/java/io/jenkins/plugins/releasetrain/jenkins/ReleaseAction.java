package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.Judgement;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.manifest.Release;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * One release of a manifest by a build: its environment and content, the approvals it was given, and what
 * happened to each artifact, shown on the build page and exported by the build's {@code api/json}.
 */
@ExportedBean(defaultVisibility = 2)
public class ReleaseAction implements RunAction2 {

    /** Before the end of the run is recorded. */
    public static final String RUNNING = "running";
    /** The decision that lets the release run. */
    public static final String ALLOWED = "allowed";
    /**
     * The parameters of a build started to roll back from a release's page: {@code promoteRelease} rolls the
     * environment back to the run instead of releasing its manifest (docs/rollback.md).
     */
    public static final String ROLLBACK_TO = "RELEASE_TRAIN_ROLLBACK_TO";

    public static final String ROLLBACK_ENVIRONMENT = "RELEASE_TRAIN_ROLLBACK_ENVIRONMENT";

    private final String environment;
    private final String releaseId;
    private final String manifest;
    private String runId;
    private String status;
    private String plan;
    private String decision;
    private String decisionMessage;
    /** What let the release through ({@link LedgerApprovals#grounds}), kept for the run's end record. */
    private LinkedHashMap<String, String> grounds;
    /** What the release brings, commit by commit, as approvers were shown it; null without a changelog. */
    private String changelog;
    /** How the run's verification ended ({@code verified}, {@code verification failed}), and why; null before. */
    private String verification;

    private String verificationMessage;
    /** The ledger run this build's run restores, when it is a rollback; null otherwise. */
    private String rollbackTo;
    /** Where it is shown in the build: {@code release-<environment>}, with the release id when one build runs two. */
    private String urlName;
    // The collections are replaced, never changed in place: the build's XML is written under the build's lock
    // while parallel branches record here, and a collection nobody changes can be written at any time.
    private volatile ArrayList<ArtifactOutcome> artifacts = new ArrayList<>();
    private volatile ArrayList<ApprovalEntry> approvals = new ArrayList<>();
    private volatile LinkedHashMap<String, String> leftOut = new LinkedHashMap<>();

    private transient Run<?, ?> run;

    ReleaseAction(Release release, String manifest) {
        this.environment = release.environment().name();
        this.releaseId = release.id().value();
        this.manifest = manifest;
    }

    /** The action of {@code release} on {@code run}, added when it is the first step to touch that release. */
    static ReleaseAction of(Run<?, ?> run, Release release, String manifest) {
        synchronized (run) {
            for (ReleaseAction action : run.getActions(ReleaseAction.class)) {
                if (action.environment.equals(release.environment().name())
                        && action.releaseId.equals(release.id().value())) {
                    return action;
                }
            }
            ReleaseAction action = new ReleaseAction(release, manifest);
            boolean sameEnvironment = run.getActions(ReleaseAction.class).stream()
                    .anyMatch(a -> a.environment.equals(action.environment));
            action.urlName =
                    "release-" + action.environment + (sameEnvironment ? "-" + action.getShortReleaseId() : "");
            run.addAction(action);
            return action;
        }
    }

    /** The action of {@code release} on {@code run}, if a step already touched that release in this build. */
    static Optional<ReleaseAction> find(Run<?, ?> run, Release release) {
        synchronized (run) {
            return run.getActions(ReleaseAction.class).stream()
                    .filter(a -> a.environment.equals(release.environment().name())
                            && a.releaseId.equals(release.id().value()))
                    .findFirst();
        }
    }

    synchronized void started(String runIdValue, String planText, Map<String, String> leftOutArtifacts) {
        runId = runIdValue;
        status = RUNNING;
        plan = planText;
        leftOut = new LinkedHashMap<>(leftOutArtifacts);
    }

    synchronized void decided(Decision latest, Optional<ProtectionRule> rule, String planText) {
        if (latest.isAllowed()) {
            grounds = new LinkedHashMap<>(LedgerApprovals.grounds(latest, rule));
        }
        decision = latest.isAllowed() ? ALLOWED : latest instanceof Decision.Refused ? "refused" : "needs-approvals";
        decisionMessage = latest.message();
        if (plan == null) {
            plan = planText;
        }
    }

    synchronized void rollingBackTo(String targetRunId) {
        rollbackTo = targetRunId;
    }

    synchronized void changelog(String text) {
        changelog = text;
    }

    synchronized void judged(Judgement judgement, boolean recorded) {
        ArrayList<ApprovalEntry> next = new ArrayList<>(approvals);
        next.add(new ApprovalEntry(judgement, recorded));
        approvals = next;
    }

    synchronized void recorded(List<ArtifactResult> results) {
        ArrayList<ArtifactOutcome> next = new ArrayList<>(artifacts);
        for (ArtifactResult result : results) {
            next.removeIf(a -> a.artifactId.equals(result.artifactId()));
            next.add(new ArtifactOutcome(result));
        }
        artifacts = next;
    }

    /** Whether this build has recorded a result for the artifact. */
    boolean hasOutcome(String artifactId) {
        return artifacts.stream().anyMatch(a -> a.artifactId.equals(artifactId));
    }

    /** The recorded statuses of these artifacts, in their order; those not recorded are left out. */
    List<String> statuses(List<String> artifactIds) {
        List<ArtifactOutcome> recorded = artifacts;
        List<String> statuses = new ArrayList<>();
        for (String id : artifactIds) {
            recorded.stream().filter(a -> a.artifactId.equals(id)).findFirst().ifPresent(a -> statuses.add(a.status));
        }
        return statuses;
    }

    synchronized void finished(ReleaseStatus finalStatus) {
        status = finalStatus.label();
    }

    synchronized void verified(ReleaseVerified verified) {
        verification = verified.label();
        verificationMessage = verified.message();
    }

    /** What let the release through, to record with the run's end; empty until it was let through. */
    synchronized Map<String, String> grounds() {
        return grounds == null ? Map.of() : new LinkedHashMap<>(grounds);
    }

    /** The artifacts the plan left out when the run started, by id with the reason, to record at its end. */
    synchronized Map<String, String> leftOut() {
        return new LinkedHashMap<>(leftOut);
    }

    @Exported
    public String getEnvironment() {
        return environment;
    }

    @Exported
    public String getReleaseId() {
        return releaseId;
    }

    public String getShortReleaseId() {
        return releaseId.substring(0, 12);
    }

    @Exported
    public String getManifest() {
        return manifest;
    }

    /** The ledger's id of this build's run of the release ({@code job#number}); null until it started. */
    @Exported
    @CheckForNull
    public synchronized String getRunId() {
        return runId;
    }

    /** {@code running}, then how the run ended: {@code succeeded}, {@code failed}, {@code partial}, {@code cancelled}. */
    @Exported
    @CheckForNull
    public synchronized String getStatus() {
        return status;
    }

    public synchronized boolean isSucceeded() {
        return ReleaseStatus.SUCCEEDED.label().equals(status);
    }

    /** The ledger run whose content this rollback restores; null for a release that is no rollback. */
    @Exported
    @CheckForNull
    public synchronized String getRollbackTo() {
        return rollbackTo;
    }

    /**
     * Whether the page offers to roll back to this run: it succeeded, another run of the environment came after it,
     * and the user may start the job that released it.
     */
    public boolean isRollbackOffered() {
        return rollbackRefusal().isEmpty() && run.getParent().hasPermission(Item.BUILD);
    }

    /** Why this run cannot be rolled back to from its page, if it cannot. */
    private Optional<String> rollbackRefusal() {
        String id = getRunId();
        if (run == null || id == null || !isSucceeded()) {
            return Optional.of(Messages.ReleaseAction_NotSucceeded());
        }
        if (!(run.getParent() instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?>)) {
            return Optional.of(
                    Messages.ReleaseAction_NotBuildable(run.getParent().getFullName()));
        }
        Optional<ReleaseRun> latest;
        try {
            latest = ReleaseLedger.get().read(environment).latestRun();
        } catch (LedgerException e) {
            return Optional.of(e.getMessage());
        }
        if (latest.isEmpty() || latest.get().runId().value().equals(id)) {
            return Optional.of(Messages.ReleaseAction_Live(environment));
        }
        return Optional.empty();
    }

    /**
     * Rolls the environment back to this run: queues a build of the job that released it, with the parameters
     * that make its {@code promoteRelease} roll back (the build then goes through the environment's rule and its
     * approvals like any rollback). Only queues: nothing of the rollback runs on the request thread.
     */
    @RequirePOST
    public HttpResponse doRollback() {
        Job<?, ?> job = run.getParent();
        job.checkPermission(Item.BUILD);
        Optional<String> refusal = rollbackRefusal();
        if (refusal.isPresent()) {
            return HttpResponses.errorWithoutStack(
                    HttpServletResponse.SC_CONFLICT, Messages.ReleaseAction_CannotRollBack(getRunId(), refusal.get()));
        }
        List<ParameterValue> values = new ArrayList<>();
        ParametersDefinitionProperty defined = job.getProperty(ParametersDefinitionProperty.class);
        if (defined != null) {
            // The job's other parameters keep their defaults, as when it is built with parameters by hand.
            for (ParameterDefinition definition : defined.getParameterDefinitions()) {
                ParameterValue value = definition.getDefaultParameterValue();
                if (value != null && !ROLLBACK_PARAMETERS.contains(value.getName())) {
                    values.add(value);
                }
            }
        }
        values.add(new StringParameterValue(ROLLBACK_ENVIRONMENT, environment));
        values.add(new StringParameterValue(ROLLBACK_TO, getRunId()));
        // The user who asked is the cause: the build's actor in the ledger, kept from approving if the rule says so.
        Queue.Item queued = ParameterizedJobMixIn.scheduleBuild2(
                job, 0, new CauseAction(new Cause.UserIdCause()), new ParametersAction(values, ROLLBACK_PARAMETERS));
        if (queued == null) {
            return HttpResponses.errorWithoutStack(
                    HttpServletResponse.SC_CONFLICT,
                    Messages.ReleaseAction_CannotRollBack(
                            getRunId(), Messages.ReleaseAction_NotBuildable(job.getFullName())));
        }
        return HttpResponses.redirectViaContextPath(job.getUrl());
    }

    private static final List<String> ROLLBACK_PARAMETERS = List.of(ROLLBACK_ENVIRONMENT, ROLLBACK_TO);

    @Exported
    @CheckForNull
    public synchronized String getPlan() {
        return plan;
    }

    /** How the run's verification ended: {@code verified} or {@code verification failed}; null when none ran. */
    @Exported
    @CheckForNull
    public synchronized String getVerification() {
        return verification;
    }

    /** What the verification said ({@code passed}, {@code smoke test failed (attempt 2 of 2)}); null when none ran. */
    @Exported
    @CheckForNull
    public synchronized String getVerificationMessage() {
        return verificationMessage;
    }

    /** The latest approval decision: {@code allowed}, {@code needs-approvals} or {@code refused}; null if none. */
    @Exported
    @CheckForNull
    public synchronized String getDecision() {
        return decision;
    }

    /** The commits each artifact brings (plain text), when a changelog is configured; null otherwise. */
    @Exported
    @CheckForNull
    public synchronized String getChangelog() {
        return changelog;
    }

    @Exported
    @CheckForNull
    public synchronized String getDecisionMessage() {
        return decisionMessage;
    }

    @Exported
    public List<ArtifactOutcome> getArtifacts() {
        return Collections.unmodifiableList(artifacts);
    }

    @Exported
    public List<ApprovalEntry> getApprovals() {
        return Collections.unmodifiableList(approvals);
    }

    public long count(String artifactStatus) {
        return artifacts.stream().filter(a -> a.status.equals(artifactStatus)).count();
    }

    /** The release record of this build's run, as one HTML page that prints to PDF. */
    @GET
    @WebMethod(name = "record.html")
    public void doRecordHtml(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        ReleaseRecordPages.write(run, environment, getRunId(), true, rsp);
    }

    /** The release record of this build's run, as JSON (docs/release-record.md). */
    @GET
    @WebMethod(name = "record.json")
    public void doRecordJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        ReleaseRecordPages.write(run, environment, getRunId(), false, rsp);
    }

    public Api getApi() {
        return new Api(this);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-paper-plane-outline";
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseAction_DisplayName(environment);
    }

    /** Exported so that API clients find the release's page when one build released an environment twice. */
    @Exported
    @Override
    public String getUrlName() {
        // Builds from before URL names were kept have one release per environment.
        return urlName != null ? urlName : "release-" + environment;
    }

    /** What this build's run did to one artifact, as recorded in the ledger. */
    @ExportedBean(defaultVisibility = 3)
    public static final class ArtifactOutcome {

        private final String artifactId;
        private final String status;
        private final String message;

        ArtifactOutcome(ArtifactResult result) {
            this.artifactId = result.artifactId();
            this.status = result.status().label();
            this.message = result.message();
        }

        @Exported
        public String getArtifactId() {
            return artifactId;
        }

        /** {@code succeeded}, {@code failed}, {@code skipped} or {@code unchanged}. */
        @Exported
        public String getStatus() {
            return status;
        }

        @Exported
        public String getMessage() {
            return message;
        }
    }

    /** An approval, rejection, override or bypass someone gave in this build, and how it was judged. */
    @ExportedBean(defaultVisibility = 3)
    public static final class ApprovalEntry {

        private final String user;
        private final String action;
        private final String comment;
        private final String time;
        private final String standing;
        private final boolean counts;
        private final boolean recorded;
        private final String message;

        ApprovalEntry(Judgement judgement, boolean recorded) {
            this.user = judgement.event().actor().user();
            this.action = judgement.event().action().label();
            this.comment = judgement.event().comment();
            this.time = judgement.event().at().toString();
            this.standing = judgement.standing().label();
            this.counts = judgement.counts();
            this.recorded = recorded;
            this.message = judgement.message();
        }

        @Exported
        public String getUser() {
            return user;
        }

        /** {@code approve}, {@code reject}, {@code emergency-override} or {@code bypass}. */
        @Exported
        public String getAction() {
            return action;
        }

        @Exported
        public String getComment() {
            return comment;
        }

        @Exported
        public String getTime() {
            return time;
        }

        /** {@code counts}, or why not: {@code author}, {@code triggering-user}, {@code not-eligible}... */
        @Exported
        public String getStanding() {
            return standing;
        }

        @Exported
        public boolean isCounts() {
            return counts;
        }

        /** Whether it went into the ledger (only answers that count, or repeat one that does, are recorded). */
        @Exported
        public boolean isRecorded() {
            return recorded;
        }

        @Exported
        public String getMessage() {
            return message;
        }
    }
}
