package io.jenkins.plugins.releasetrain.pipeline;

import groovy.lang.Closure;
import io.jenkins.plugins.releasetrain.approval.ApprovalAttempt;
import io.jenkins.plugins.releasetrain.approval.ApprovalGate;
import io.jenkins.plugins.releasetrain.approval.ApprovalMaps;
import io.jenkins.plugins.releasetrain.approval.ApprovalPrompt;
import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.AutomaticRollbacks;
import io.jenkins.plugins.releasetrain.approval.BoundAnswer;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.EnvironmentRules;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.approval.PromptAnswer;
import io.jenkins.plugins.releasetrain.approval.PromptBinding;
import io.jenkins.plugins.releasetrain.approval.ProtectionPolicy;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.ReleaseAuthor;
import io.jenkins.plugins.releasetrain.approval.RollbackRequest;
import io.jenkins.plugins.releasetrain.approval.UnboundAnswerException;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageMaps;
import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryChoice;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.image.ReleaseImages;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerRecord;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.WorkspacePath;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords;
import io.jenkins.plugins.releasetrain.plan.PromotionScope;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.Rollbacks;
import io.jenkins.plugins.releasetrain.plan.VerificationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stands in for the Pipeline script object that {@code PromoteRelease.groovy} calls steps on. The release
 * steps make the same engine calls as the Jenkins steps (the plan against a real ledger, the approval gate and
 * its prompt, the records, the image engine on an OCI layout); {@code lock}, {@code parallel}, {@code build},
 * {@code input}, {@code retry} and the others record what they are asked and behave like their Jenkins
 * counterparts in the ways the script relies on ({@code parallel} accepts only closures and a boolean
 * {@code failFast}; {@code error} throws; {@code input} answers with the next queued answer, kept as the
 * build's record of that prompt, and {@code recordApproval} binds it to the prompt {@code releaseApproval}
 * issued, as the Jenkins step does). Manifests are read once and then named by release id, as in Jenkins.
 *
 * <p>{@code parallel} runs like Jenkins' CPS interpreter: every branch on its own thread, started before any
 * finishes, one thread running script code at a time and switching at step calls, and with {@code failFast}
 * the first failure interrupts the other branches wherever they are, even after a step did its work and before
 * it returned.
 */
public final class RecordingPipeline {

    /** What the {@code error} step throws. */
    public static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailure(String message) {
            super(message);
        }
    }

    /** What a step cut short by a controller restart throws: only {@code retry(conditions: [nonresumable()])} retries it. */
    public static final class NotResumed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotResumed(String step) {
            super("The Jenkins controller was restarted while " + step + " was running; it cannot be resumed");
        }
    }

    /** What the {@code input} step throws when someone clicks Abort: the build is aborted. */
    public static final class Aborted extends InterruptedException {
        private static final long serialVersionUID = 1L;

        Aborted(String user) {
            super("Rejected by " + user);
        }
    }

    /**
     * What a branch stopped from outside gets, like Jenkins' FlowInterruptedException when {@code failFast}
     * stops it: an interruption without a message.
     */
    public static final class Interrupted extends InterruptedException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super();
        }
    }

    /**
     * One thread runs script code at a time, and the running thread changes at step calls: how Jenkins' CPS
     * interpreter runs parallel branches. Outside {@code parallel} it does nothing but deliver interrupts.
     */
    static final class Interleaving {
        private final java.util.concurrent.locks.ReentrantLock turn =
                new java.util.concurrent.locks.ReentrantLock(true);

        /** At a step's start and end: other branches may run now, and an interrupt is delivered here. */
        void stepBoundary() throws Interrupted {
            if (turn.isHeldByCurrentThread()) {
                turn.unlock();
                turn.lock();
            }
            if (Thread.interrupted()) {
                throw new Interrupted();
            }
        }
    }

    /** What {@code build(propagate: false)} returns: the downstream run's number, result and job. */
    public static final class DownstreamRun {
        private final int number;
        private final String result;
        private final String job;

        private final String absoluteUrl;

        DownstreamRun(String job, int number, String result, String absoluteUrl) {
            this.job = job;
            this.number = number;
            this.result = result;
            this.absoluteUrl = absoluteUrl;
        }

        public int getNumber() {
            return number;
        }

        public String getResult() {
            return result;
        }

        public String getFullProjectName() {
            return job;
        }

        /** As in a Jenkins whose root URL is not configured: a script must not need it. */
        public String getAbsoluteUrl() {
            if (absoluteUrl == null) {
                throw new IllegalStateException("Root URL isn't configured yet. Cannot compute absolute URL.");
            }
            return absoluteUrl;
        }
    }

    public static final class CurrentBuild {
        private String description;
        private String absoluteUrl;

        /** As in Jenkins: throws when the root URL is not configured. */
        public String getAbsoluteUrl() {
            if (absoluteUrl == null) {
                throw new IllegalStateException("Root URL isn't configured yet. Cannot compute absolute URL.");
            }
            return absoluteUrl;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }
    }

    /**
     * An answer to an approval prompt: who submitted it and what they chose ({@code abort} clicks Abort; null
     * submits no decision at all).
     */
    record Answer(String user, String decision, String comment) {}

    static final String JOB = "promote-staging";

    private final Path workspace;
    private final int build;
    private final Ledger ledger;
    private final Map<String, String> downstreamResults = new HashMap<>();
    private final CurrentBuild currentBuild = new CurrentBuild();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final Map<String, Set<String>> groups = new HashMap<>();
    private final Set<String> notResumedOnce = new LinkedHashSet<>();
    private final Map<String, Map<String, String>> leftOut = new HashMap<>();
    private final Map<String, PromotionRecords.ImageOutcome> imageOutcomes = new HashMap<>();
    private ProtectionPolicy policy = ProtectionPolicy.none();
    private List<ReleaseAuthor> authors = List.of();
    private List<RegistryChoice.NamedRegistry> registries = List.of();
    private String startedBy = "carol";
    private final Map<String, LoadedManifest> read = new LinkedHashMap<>();
    private final Map<String, String> readFrom = new HashMap<>();
    private final Map<String, ApprovalPrompt> issued = new LinkedHashMap<>();
    private final Set<String> judged = new HashSet<>();
    private final Map<String, String> decisions = new HashMap<>();
    private final Set<String> recordedArtifacts = new HashSet<>();
    private final Map<String, ReleaseStatus> finishedRuns = new HashMap<>();
    private final Interleaving interleaving = new Interleaving();
    private final Set<String> interruptAfterRecording = new HashSet<>();
    private Runnable whileAsked = () -> {};
    private String rootUrl = "http://jenkins.example/";
    private final Map<String, String> params = new HashMap<>();
    /** Releases read with readReleaseRollback, by id: as the Jenkins steps, the others treat them as rollbacks. */
    private final Map<String, RollbackTarget> rollbacks = new HashMap<>();
    /** Releases read with hotfix: true, by id: as the Jenkins steps, the gate and the ledger treat them as hotfixes. */
    private final Set<String> hotfixes = new HashSet<>();

    final List<Map<String, Object>> readArguments = new ArrayList<>();
    /** Why each of those rolls back: {@link RollbackOf#REQUESTED}, or the rule's after a failed verification. */
    private final Map<String, String> rollbackReasons = new HashMap<>();

    final List<PromptAnswer> answeredPrompts = new ArrayList<>();
    final List<String> steps = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> locks = new ArrayList<>();
    final List<Map<String, Object>> planArguments = new ArrayList<>();
    final List<String> branchesStarted = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<Map<String, Object>>> builds = new LinkedHashMap<>();
    final List<String> echoes = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Object>> prompts = new ArrayList<>();
    final List<Map<String, Object>> judgements = new ArrayList<>();
    final List<Map<String, Object>> tagArguments = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Object>> retries = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Object>> verifications = new ArrayList<>();
    Map<String, Object> parallelArguments;

    /** Build {@code build} of the job {@value #JOB}, with its workspace, writing to the ledger in {@code ledgerDirectory}. */
    RecordingPipeline(Path workspace, Path ledgerDirectory, int build) {
        this.workspace = workspace;
        this.build = build;
        this.ledger = Ledger.open(ledgerDirectory);
        this.currentBuild.absoluteUrl = "http://jenkins.example/job/" + JOB + "/" + build + "/";
    }

    /** The next run of {@code job} ends with {@code result} instead of SUCCESS. */
    void finish(String job, String result) {
        downstreamResults.put(job, result);
    }

    void protect(ProtectionRule... rules) {
        policy = ProtectionPolicy.of(rules);
    }

    void authoredBy(ReleaseAuthor... people) {
        authors = List.of(people);
    }

    void member(String user, String... groupNames) {
        groups.put(user, Set.of(groupNames));
    }

    void startedBy(String user) {
        startedBy = user;
    }

    /** The next prompt is answered by {@code user} choosing {@code decision}. */
    void answer(String user, String decision, String comment) {
        answers.add(new Answer(user, decision, comment));
    }

    void configureRegistries(RegistryChoice.NamedRegistry... named) {
        registries = List.of(named);
    }

    /** As a Jenkins whose root URL is not configured (a fresh install): absolute URLs throw. */
    void withoutRootUrl() {
        rootUrl = null;
        currentBuild.absoluteUrl = null;
    }

    /** Runs while a prompt waits for its answer, as a parallel branch of the Pipeline might. */
    void whileAsked(Runnable action) {
        whileAsked = action;
    }

    /**
     * The branch recording this artifact is interrupted right after its record reached the ledger and before
     * the step returned, as failFast does when a sibling fails at that moment.
     */
    void interruptAfterRecording(String artifactId) {
        interruptAfterRecording.add(artifactId);
    }

    /** The first {@code tagImages} of the build is cut short by a controller restart. */
    void restartDuringFirstTagging() {
        notResumedOnce.add("tagImages");
    }

    Ledger ledger() {
        return ledger;
    }

    /** The build has the parameter {@code name}, as one started from a release's page has. */
    void parameter(String name, String value) {
        params.put(name, value);
    }

    /**
     * As the Jenkins step: the target from the ledger, kept with the build as a rollback; with {@code automatic}, the
     * rule's own after this build's failed verification, refused unless the ledger and the rule say it is due.
     */
    public Map<String, Object> readReleaseRollback(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("readReleaseRollback" + (Boolean.TRUE.equals(args.get("automatic")) ? " automatic" : ""));
        String environment = (String) args.get("environment");
        boolean automatic = Boolean.TRUE.equals(args.get("automatic"));
        RollbackTarget target;
        try {
            if (automatic) {
                if (args.get("to") != null) {
                    throw new StepFailure("An automatic rollback goes back to the release before the one whose"
                            + " verification failed: it takes no 'to'");
                }
                Optional<String> refusal = AutomaticRollbacks.refusal(
                        EnvironmentRules.forEnvironment(policy, environment, Optional.empty()),
                        ledger.read(environment),
                        runId());
                if (refusal.isPresent()) {
                    throw new StepFailure("Cannot roll " + environment + " back automatically: " + refusal.get());
                }
            }
            target = Rollbacks.find(ledger.read(environment), Optional.ofNullable((String) args.get("to")));
        } catch (InvalidRunException e) {
            throw new StepFailure(e.getMessage());
        }
        String id = target.manifest().release().id().value();
        read.put(id, target.manifest());
        rollbacks.put(id, target);
        String reason = automatic ? RollbackOf.VERIFICATION_FAILED : RollbackOf.REQUESTED;
        rollbackReasons.put(id, reason);
        Map<String, Object> result = ManifestMaps.release(target.manifest().release());
        result.put(
                "rollback",
                Map.of("to", target.target().runId().value(), "reason", reason, "images", target.digests()));
        return result;
    }

    RunId runId() {
        return RunId.forBuild(JOB, build);
    }

    /** As the Jenkins steps: the rule's own rollback after a failed verification is a second run of the build. */
    RunId runId(Release release) {
        return automatic(release) ? automaticRollbackRunId() : runId();
    }

    RunId automaticRollbackRunId() {
        return RunId.forBuild(JOB, build, "rollback");
    }

    private boolean automatic(Release release) {
        return RollbackOf.VERIFICATION_FAILED.equals(
                rollbackReasons.get(release.id().value()));
    }

    private RollbackOf rollbackOf(RollbackTarget target, Release release) {
        return target.record(rollbackReasons.getOrDefault(release.id().value(), RollbackOf.REQUESTED));
    }

    public Map<String, Object> readReleaseManifest(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("readReleaseManifest");
        LoadedManifest manifest;
        if (args.get("release") != null) {
            manifest = registered((String) args.get("release"));
        } else {
            String file = (String) args.get("file");
            manifest = load(file);
            String id = manifest.release().id().value();
            read.putIfAbsent(id, manifest);
            readFrom.putIfAbsent(id, file);
        }
        readArguments.add(new LinkedHashMap<>(args));
        String id = manifest.release().id().value();
        if (Boolean.TRUE.equals(args.get("hotfix"))) {
            // As the Jenkins step: only where the environment's rule, if one protects it, has a hotfix lane.
            EnvironmentRules.forEnvironment(
                            policy, manifest.release().environment().name(), Optional.empty())
                    .filter(r -> r.hotfix().isEmpty())
                    .ifPresent(r -> {
                        throw new StepFailure("Rule '" + r.name() + "' has no hotfix lane for "
                                + manifest.release().environment().name());
                    });
            hotfixes.add(id);
        } else if (!decisions.containsKey(id)) {
            hotfixes.remove(id);
        }
        Map<String, Object> result = ManifestMaps.release(manifest.release());
        result.put("hotfix", hotfixes.contains(id));
        // As the Jenkins step: the rollback the build's parameters ask for.
        if (params.containsKey("RELEASE_TRAIN_ROLLBACK_TO")
                && params.containsKey("RELEASE_TRAIN_ROLLBACK_ENVIRONMENT")) {
            result.put(
                    "rollbackRequested",
                    new LinkedHashMap<>(Map.of(
                            "environment", params.get("RELEASE_TRAIN_ROLLBACK_ENVIRONMENT"),
                            "to", params.get("RELEASE_TRAIN_ROLLBACK_TO"))));
        }
        return result;
    }

    public Map<String, Object> releasePlan(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("releasePlan");
        planArguments.add(new LinkedHashMap<>(args));
        JobTemplate template = args.containsKey("jobTemplate")
                ? new JobTemplate((String) args.get("jobTemplate"))
                : JobTemplate.DEFAULT;
        return promotionPlan(args, template).toMap();
    }

    public Map<String, Object> recordRelease(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("recordRelease " + args.get("event"));
        LoadedManifest manifest = release(args);
        Release release = manifest.release();
        RunId runId = runId(release);
        PromotionRecords records = new PromotionRecords(runId, release, startedBy);
        Instant now = Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", runId.value());
        switch ((String) args.get("event")) {
            case "started" -> {
                PromotionPlan plan = promotionPlan(args, JobTemplate.DEFAULT);
                Map<String, String> reasons = new LinkedHashMap<>();
                plan.skipped().forEach(s -> reasons.put(s.artifact().id(), s.reason()));
                leftOut.put(release.id().value(), reasons);
                Map<String, String> details = new LinkedHashMap<>(Map.of(
                        "jenkins.job",
                        JOB,
                        "jenkins.build",
                        String.valueOf(build),
                        "jenkins.url",
                        "http://jenkins.example/job/" + JOB + "/" + build + "/"));
                Optional.ofNullable(rollbacks.get(release.id().value()))
                        .ifPresent(r -> details.putAll(rollbackOf(r, release).details()));
                if (hotfixes.contains(release.id().value())) {
                    details.put(ReleaseStarted.KIND, ReleaseStarted.HOTFIX);
                }
                append(release, List.of(records.started(manifest, plan.plan(), now, details)));
            }
            case "artifact" -> {
                @SuppressWarnings("unchecked")
                List<String> ids = (List<String>) args.get("artifactIds");
                Map<String, PromotionRecords.ImageOutcome> images = new LinkedHashMap<>();
                ids.stream().filter(imageOutcomes::containsKey).forEach(id -> images.put(id, imageOutcomes.get(id)));
                long startedAt = ((Number) args.get("startedAt")).longValue();
                requireLetThrough(release);
                // As the Jenkins step: each artifact once per build, so a record repeated after an interrupt
                // that came once the first had been written does not reach the ledger twice.
                // As the Jenkins step: the build or handler that deployed them, for the release record.
                Map<String, String> deployedBy = new LinkedHashMap<>();
                if (args.get("build") != null) {
                    deployedBy.put(ArtifactResult.BUILD, (String) args.get("build"));
                }
                if (args.get("handler") != null) {
                    deployedBy.put(ArtifactResult.HANDLER, (String) args.get("handler"));
                }
                List<ArtifactResult> results = records
                        .branch(
                                ids,
                                (String) args.get("result"),
                                (String) args.get("message"),
                                images,
                                Instant.ofEpochMilli(startedAt),
                                now,
                                deployedBy)
                        .stream()
                        .filter(r -> recordedArtifacts.add(release.id().value() + " " + r.artifactId()))
                        .toList();
                if (!results.isEmpty()) {
                    append(release, results);
                }
                // Only inside a parallel branch: failFast interrupts branches, never what runs after parallel.
                if (interleaving.turn.isHeldByCurrentThread()
                        && ids.stream().anyMatch(interruptAfterRecording::remove)) {
                    throw new Interrupted();
                }
            }
            case "finished" -> {
                boolean cancelled = Boolean.TRUE.equals(args.get("cancelled"));
                List<ArtifactResult> rest = cancelled
                        ? List.of()
                        : records.leftOut(leftOut.getOrDefault(release.id().value(), Map.of()), now);
                List<ArtifactResult> runResults =
                        new ArrayList<>(ledger.read(release.environment().name())
                                .run(runId)
                                .map(ReleaseRun::results)
                                .orElse(List.of()));
                runResults.addAll(rest);
                List<ArtifactStatus> statuses =
                        runResults.stream().map(ArtifactResult::status).toList();
                ReleaseFinished finished = records.finished(statuses, cancelled, now);
                List<LedgerRecord> written = new ArrayList<>(rest);
                written.add(finished);
                append(release, written);
                answer.put("status", finished.status().label());
                // As the Jenkins step: the controller decides whether a verification follows and what it is told.
                answer.put(
                        "verification",
                        VerificationRequest.after(release, finished, runResults)
                                .map(VerificationRequest::toMap)
                                .orElse(null));
                finishedRuns.put(release.id().value(), finished.status());
            }
            case "verified" -> {
                // As the Jenkins step: only this build's own run, once it finished as succeeded, and only once.
                requireLetThrough(release);
                if (finishedRuns.get(release.id().value()) != ReleaseStatus.SUCCEEDED) {
                    throw new StepFailure("This build has no successful run of release "
                            + release.id().shortForm() + " in "
                            + release.environment().name() + " to verify");
                }
                if (ledger.read(release.environment().name())
                        .verification(runId)
                        .isPresent()) {
                    throw new StepFailure("The verification of run " + runId.value() + " is already recorded");
                }
                int attempts = args.get("attempts") == null ? 1 : ((Number) args.get("attempts")).intValue();
                int allowed = args.get("verifyAttempts") == null
                        ? attempts
                        : ((Number) args.get("verifyAttempts")).intValue();
                long startedAt = args.get("startedAt") == null ? 0 : ((Number) args.get("startedAt")).longValue();
                ReleaseVerified verified = records.verified(
                        "SUCCESS".equals(args.get("result")),
                        (String) args.get("message"),
                        attempts,
                        allowed,
                        startedAt > 0 ? Instant.ofEpochMilli(startedAt) : now,
                        now,
                        (String) args.get("output"));
                append(release, List.of(verified));
                answer.put("passed", verified.passed());
                answer.put("verification", verified.label());
                answer.put("message", verified.message());
                answer.put("attempts", verified.attempts());
                // As the Jenkins step: whether the environment's rule rolls back after this failed verification.
                answer.put(
                        "rollback",
                        !verified.passed()
                                && AutomaticRollbacks.refusal(
                                                EnvironmentRules.forEnvironment(
                                                        policy,
                                                        release.environment().name(),
                                                        Optional.empty()),
                                                ledger.read(
                                                        release.environment().name()),
                                                runId)
                                        .isEmpty());
                verifications.add(new LinkedHashMap<>(args));
            }
            default -> throw new IllegalArgumentException("unknown event " + args.get("event"));
        }
        interleaving.stepBoundary();
        return answer;
    }

    public Map<String, Object> releaseApproval(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("releaseApproval");
        Release release = release(args).release();
        Optional<ProtectionRule> rule =
                EnvironmentRules.forEnvironment(policy, release.environment().name(), Optional.empty());
        Decision decision = ApprovalGate.decide(rule, request(release, rule), Instant.now());
        String plan = PromotionPlan.of(planAgainstLedger(release), JobTemplate.DEFAULT, PromotionScope.changed())
                .describe();
        Optional<ApprovalPrompt> prompt = ApprovalPrompt.of(
                decision,
                rule,
                Optional.ofNullable(rollbacks.get(release.id().value()))
                        .map(r -> rollbackOf(r, release).describe()),
                plan,
                Optional.of("http://jenkins.example/job/" + JOB + "/" + build + "/release-"
                        + release.environment().name() + "/"),
                ((Number) args.get("round")).intValue());
        prompt.ifPresent(p -> {
            if (judged.contains(p.id())) {
                throw new StepFailure("The answer to the approval prompt " + p.id() + " has already been judged");
            }
            issued.put(p.id(), p);
        });
        decisions.put(release.id().value(), decision.isAllowed() ? "allowed" : "not allowed");
        Map<String, Object> result = ApprovalMaps.decision(decision);
        result.put("allowed", decision.isAllowed());
        result.put("prompt", prompt.map(ApprovalPrompt::toMap).orElse(null));
        result.put("plan", plan);
        result.put("release", release.id().value());
        return result;
    }

    public Object input(Map<String, Object> args) throws InterruptedException {
        interleaving.stepBoundary();
        steps.add("input");
        prompts.add(new LinkedHashMap<>(args));
        whileAsked.run();
        Answer next = answers.poll();
        if (next == null) {
            throw new IllegalStateException("nobody answers the prompt " + args.get("id"));
        }
        if ("abort".equals(next.decision())) {
            throw new Aborted(next.user());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (next.decision() != null) {
            values.put("decision", next.decision());
        }
        values.put("comment", next.comment());
        // What Jenkins keeps: the arguments the prompt was asked with, and who submitted what.
        answeredPrompts.add(new PromptAnswer(
                String.valueOf(args.get("id")),
                Optional.ofNullable((String) args.get("message")),
                Optional.ofNullable((String) args.get("submitter")),
                Optional.of(next.user()),
                values));
        Map<String, Object> returned = new LinkedHashMap<>(values);
        returned.put(String.valueOf(args.get("submitterParameter")), next.user());
        return returned;
    }

    public Map<String, Object> recordApproval(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("recordApproval");
        String id = (String) args.get("prompt");
        ApprovalPrompt asked = issued.get(id);
        if (asked == null) {
            throw new StepFailure("releaseApproval issued no approval prompt " + id + " in this build");
        }
        BoundAnswer answer;
        try {
            answer = PromptBinding.bind(asked, answeredPrompts);
        } catch (UnboundAnswerException e) {
            throw new StepFailure(e.getMessage());
        }
        if (!judged.add(id)) {
            throw new StepFailure("The answer to the approval prompt " + id + " has already been judged");
        }
        Release release = registered(asked.releaseId()).release();
        Optional<ProtectionRule> rule =
                EnvironmentRules.forEnvironment(policy, release.environment().name(), Optional.empty());
        AttemptResult result = ApprovalGate.judge(
                rule,
                request(release, rule),
                new ApprovalAttempt(identity(answer.approver()), answer.action(), answer.comment()),
                Instant.now());
        boolean recorded = result.shouldRecord() && rule.isPresent();
        if (recorded) {
            append(release, List.of(LedgerApprovals.record(result.event(), rule.get())));
        }
        decisions.put(release.id().value(), result.decision().isAllowed() ? "allowed" : "not allowed");
        echoes.add(result.judgement().message());
        Map<String, Object> map = ApprovalMaps.attempt(result, recorded);
        judgements.add(map);
        return map;
    }

    public Map<String, Object> choice(Map<String, Object> args) {
        Map<String, Object> parameter = new LinkedHashMap<>(args);
        parameter.put("$symbol", "choice");
        return parameter;
    }

    public Map<String, Object> text(Map<String, Object> args) {
        Map<String, Object> parameter = new LinkedHashMap<>(args);
        parameter.put("$symbol", "text");
        return parameter;
    }

    public Map<String, Object> nonresumable() {
        return Map.of("$symbol", "nonresumable");
    }

    public Object retry(Map<String, Object> args, Closure<?> body) {
        steps.add("retry");
        retries.add(new LinkedHashMap<>(args));
        int count = ((Number) args.get("count")).intValue();
        boolean retriesNotResumed = ((List<?>) args.get("conditions")).contains(nonresumable());
        for (int attempt = 1; ; attempt++) {
            try {
                return body.call();
            } catch (NotResumed e) {
                if (!retriesNotResumed || attempt >= count) {
                    throw e;
                }
            }
        }
    }

    public Map<String, Object> tagImages(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        steps.add("tagImages");
        tagArguments.add(new LinkedHashMap<>(args));
        if (notResumedOnce.remove("tagImages")) {
            throw new NotResumed("tagImages");
        }
        Release release = release(args).release();
        requireLetThrough(release);
        @SuppressWarnings("unchecked")
        List<String> products = (List<String>) args.get("products");
        RegistryChoice choice = RegistryChoice.of(
                Optional.ofNullable((String) args.get("registry")),
                Optional.ofNullable((String) args.get("credentialsId")),
                registries);
        PromotionReport report;
        RollbackTarget rollback = rollbacks.get(release.id().value());
        List<PromotionRequest> requests = ReleaseImages.requests(release, new LinkedHashSet<>(products)).stream()
                .map(r -> rollback == null
                        ? r
                        : PromotionRequest.pinned(
                                r.artifactId(),
                                r.destinationRepository(),
                                Digest.parse(rollback.digests().get(r.artifactId())),
                                r.destinationTag()))
                .toList();
        try (ImageRegistry registry = Registries.open(choice.reference(), RegistryOptions.DEFAULTS)) {
            report = new ImagePromotion(registry, PromotionOptions.DEFAULTS.withForce(rollback != null)).run(requests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (imageOutcomes) {
            for (ImageResult image : report.images()) {
                imageOutcomes.put(
                        image.artifactId(),
                        new PromotionRecords.ImageOutcome(
                                image.status(), image.describe(), image.digest(), image.previousDigest()));
            }
        }
        if (!report.succeeded()) {
            throw new StepFailure(report.summaryLine() + "; not tagged: "
                    + report.images().stream()
                            .filter(ImageResult::failed)
                            .map(ImageResult::artifactId)
                            .collect(Collectors.joining(", ")));
        }
        interleaving.stepBoundary();
        return ImageMaps.report(report);
    }

    public Object lock(Map<String, Object> args, Closure<?> body) {
        steps.add("lock");
        locks.add((String) args.get("resource"));
        return body.call();
    }

    public Object parallel(Map<String, Object> branches) throws InterruptedException {
        steps.add("parallel");
        parallelArguments = new LinkedHashMap<>(branches);
        boolean failFast = false;
        Map<String, Closure<?>> closures = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : branches.entrySet()) {
            if (e.getValue() instanceof Closure<?> closure) {
                closures.put(e.getKey(), closure);
            } else if (e.getKey().equals("failFast") && e.getValue() instanceof Boolean flag) {
                failFast = flag;
            } else {
                throw new IllegalArgumentException(
                        "Expected a closure or failFast but found " + e.getKey() + "=" + e.getValue());
            }
        }
        return runInterleaved(closures, failFast);
    }

    /**
     * Starts every branch on its own thread; each waits until all have started, then they take turns at step
     * calls. With {@code failFast}, the first branch that fails interrupts the others. Throws the first failure
     * that was not an interruption, else the first interruption, as Jenkins' parallel step does.
     */
    private Object runInterleaved(Map<String, Closure<?>> closures, boolean failFast) throws InterruptedException {
        java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(closures.size());
        Map<String, Throwable> failures = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        for (Map.Entry<String, Closure<?>> branch : closures.entrySet()) {
            threads.add(new Thread(
                    () -> {
                        interleaving.turn.lock();
                        try {
                            branchesStarted.add(branch.getKey());
                            allStarted.countDown();
                            interleaving.turn.unlock();
                            try {
                                if (!allStarted.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("branches did not all start");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt(); // delivered at the branch's first step
                            } finally {
                                interleaving.turn.lock();
                            }
                            branch.getValue().call();
                        } catch (Throwable thrown) {
                            // Groovy wraps what a closure throws when it is a checked exception.
                            Throwable e = thrown instanceof org.codehaus.groovy.runtime.InvokerInvocationException
                                            && thrown.getCause() != null
                                    ? thrown.getCause()
                                    : thrown;
                            failures.put(branch.getKey(), e);
                            if (failFast
                                    && !(e instanceof InterruptedException)
                                    && stopping.compareAndSet(false, true)) {
                                threads.stream()
                                        .filter(t -> t != Thread.currentThread())
                                        .forEach(Thread::interrupt);
                            }
                        } finally {
                            interleaving.turn.unlock();
                        }
                    },
                    "branch " + branch.getKey()));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not finish within a minute");
            }
        }
        List<Throwable> all;
        synchronized (failures) {
            all = new ArrayList<>(failures.values());
        }
        Optional<Throwable> failure =
                all.stream().filter(e -> !(e instanceof InterruptedException)).findFirst();
        if (failure.isPresent()) {
            if (failure.get() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure.get());
        }
        if (!all.isEmpty()) {
            throw (InterruptedException) all.get(0);
        }
        return null;
    }

    public Map<String, Object> string(Map<String, Object> args) {
        return Map.of("$symbol", "string", "name", args.get("name"), "value", args.get("value"));
    }

    @SuppressWarnings("unchecked")
    public DownstreamRun build(Map<String, Object> args) throws Interrupted {
        interleaving.stepBoundary();
        String job = (String) args.get("job");
        steps.add("build " + job);
        if (!Boolean.FALSE.equals(args.get("propagate")) || !Boolean.TRUE.equals(args.get("wait"))) {
            throw new IllegalArgumentException("promoteRelease must wait for its jobs and read their result itself");
        }
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) args.get("parameters");
        int number;
        synchronized (builds) {
            builds.computeIfAbsent(job, j -> new ArrayList<>()).add(parametersAsMap(parameters));
            number = builds.get(job).size();
        }
        interleaving.stepBoundary();
        return new DownstreamRun(
                job,
                number,
                downstreamResults.getOrDefault(job, "SUCCESS"),
                rootUrl == null ? null : rootUrl + "job/" + job.replace("/", "/job/") + "/" + number + "/");
    }

    public void echo(Object message) {
        echoes.add(String.valueOf(message));
    }

    public void error(Object message) {
        throw new StepFailure(String.valueOf(message));
    }

    public CurrentBuild getCurrentBuild() {
        return currentBuild;
    }

    private PromotionPlan promotionPlan(Map<String, Object> args, JobTemplate template) {
        Release target = release(args).release();
        ReleasePlan plan = args.containsKey("against")
                ? ReleasePlan.of(
                        target, Optional.of(load((String) args.get("against")).release()))
                : planAgainstLedger(target);
        boolean resume = Boolean.TRUE.equals(args.get("resume"));
        Set<String> succeeded =
                resume ? ledger.read(target.environment().name()).succeededArtifacts(target.id()) : Set.of();
        Set<String> alwaysRun = Optional.ofNullable(rollbacks.get(target.id().value()))
                .map(RollbackTarget::moved)
                .orElse(Set.of());
        return PromotionPlan.of(
                plan,
                template,
                PromotionScope.of(Boolean.TRUE.equals(args.get("all")), resume, succeeded)
                        .withAlwaysRun(alwaysRun));
    }

    private ReleasePlan planAgainstLedger(Release release) {
        EnvironmentState state = ledger.state(release.environment().name());
        return ReleasePlan.of(release, new DeployedArtifacts(state.deployedArtifacts(), state.productVersions()));
    }

    private ApprovalRequest request(Release release, Optional<ProtectionRule> rule) {
        RollbackTarget rollback = rollbacks.get(release.id().value());
        ApprovalRequest request = ApprovalRequest.of(
                planAgainstLedger(release),
                LedgerApprovals.history(ledger, release.environment().name(), rule),
                new Participants(Optional.of(identity(startedBy)), rollback == null ? authors : List.of()));
        if (hotfixes.contains(release.id().value())) {
            request = request.asHotfix();
        }
        // As the Jenkins gate: the rule's own rollback only while it is still due.
        boolean due = automatic(release)
                && AutomaticRollbacks.refusal(
                                rule,
                                ledger.read(release.environment().name()),
                                runId(),
                                Optional.of(automaticRollbackRunId()))
                        .isEmpty();
        return rollback == null
                ? request
                : request.asRollback(
                        new RollbackRequest(rollback.target().runId().value(), rollback.approvalsAfter(), due));
    }

    private Identity identity(String user) {
        return Identity.of(user).withGroups(groups.getOrDefault(user, Set.of()));
    }

    private void append(Release release, List<? extends LedgerRecord> records) {
        try (EnvironmentLock lock = ledger.lock(release.environment().name(), runId(), startedBy)) {
            lock.appendAll(records);
        }
    }

    private static Map<String, Object> parametersAsMap(List<Map<String, Object>> parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map<String, Object> parameter : parameters) {
            if (!"string".equals(parameter.get("$symbol"))) {
                throw new IllegalArgumentException("not a string parameter: " + parameter);
            }
            values.put((String) parameter.get("name"), parameter.get("value"));
        }
        return values;
    }

    /** A manifest the build read before, by release id, as the Jenkins steps find it. */
    private LoadedManifest registered(String releaseId) {
        LoadedManifest manifest = read.get(releaseId);
        if (manifest == null) {
            throw new StepFailure("this build has not read a manifest with the release id " + releaseId);
        }
        return manifest;
    }

    /** The release a step names: {@code release:} (read before) or {@code manifest:} (read now, and kept). */
    private LoadedManifest release(Map<String, Object> args) {
        if (args.get("release") != null) {
            return registered((String) args.get("release"));
        }
        LoadedManifest manifest = load((String) args.get("manifest"));
        read.putIfAbsent(manifest.release().id().value(), manifest);
        return manifest;
    }

    /** As the Jenkins steps: in a protected environment, only a release its gate let through in this build. */
    private void requireLetThrough(Release release) {
        boolean protectedEnvironment = EnvironmentRules.forEnvironment(
                        policy, release.environment().name(), Optional.empty())
                .isPresent();
        if (protectedEnvironment && !"allowed".equals(decisions.get(release.id().value()))) {
            throw new StepFailure("Release " + release.id().shortForm() + " has not been let through the approval"
                    + " gate of " + release.environment().name() + " in this build");
        }
    }

    private LoadedManifest load(String file) {
        WorkspacePath.check(file);
        try {
            return new ManifestLoader().load(file, Files.readAllBytes(workspace.resolve(file)));
        } catch (ManifestException e) {
            throw new StepFailure(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
