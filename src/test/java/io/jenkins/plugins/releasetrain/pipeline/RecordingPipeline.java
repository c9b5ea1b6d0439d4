package io.jenkins.plugins.releasetrain.pipeline;

import groovy.lang.Closure;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.WorkspacePath;
import io.jenkins.plugins.releasetrain.plan.JobTemplate;
import io.jenkins.plugins.releasetrain.plan.PromotionPlan;
import io.jenkins.plugins.releasetrain.plan.PromotionScope;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stands in for the Pipeline script object that {@code PromoteRelease.groovy} calls steps on. The release
 * steps run the same engine calls as the Jenkins steps; {@code lock}, {@code parallel}, {@code build} and the
 * others record what they are asked and behave like their Jenkins counterparts in the ways the script relies
 * on ({@code parallel} accepts only closures and a boolean {@code failFast}; {@code error} throws).
 */
public final class RecordingPipeline {

    /** What the {@code error} step throws. */
    public static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailure(String message) {
            super(message);
        }
    }

    /** What {@code build(propagate: false)} returns: the downstream run's number, result and URL. */
    public static final class DownstreamRun {
        private final int number;
        private final String result;
        private final String job;

        DownstreamRun(String job, int number, String result) {
            this.job = job;
            this.number = number;
            this.result = result;
        }

        public int getNumber() {
            return number;
        }

        public String getResult() {
            return result;
        }

        public String getAbsoluteUrl() {
            return "http://jenkins.example/job/" + job.replace("/", "/job/") + "/" + number + "/";
        }
    }

    public static final class CurrentBuild {
        private String description;

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }
    }

    private final Path workspace;
    private final Map<String, String> downstreamResults = new HashMap<>();
    private final CurrentBuild currentBuild = new CurrentBuild();

    final List<String> steps = new ArrayList<>();
    final List<String> locks = new ArrayList<>();
    final List<Map<String, Object>> planArguments = new ArrayList<>();
    final List<String> branchesStarted = new ArrayList<>();
    final Map<String, List<Map<String, Object>>> builds = new LinkedHashMap<>();
    final List<String> echoes = new ArrayList<>();
    Map<String, Object> parallelArguments;

    RecordingPipeline(Path workspace) {
        this.workspace = workspace;
    }

    /** The next run of {@code job} ends with {@code result} instead of SUCCESS. */
    void finish(String job, String result) {
        downstreamResults.put(job, result);
    }

    public Map<String, Object> readReleaseManifest(Map<String, Object> args) {
        steps.add("readReleaseManifest");
        return ManifestMaps.release(load((String) args.get("file")).release());
    }

    public Map<String, Object> releasePlan(Map<String, Object> args) {
        steps.add("releasePlan");
        planArguments.add(new LinkedHashMap<>(args));
        Release target = load((String) args.get("manifest")).release();
        Optional<Release> deployed =
                Optional.ofNullable((String) args.get("against")).map(f -> load(f).release());
        JobTemplate template = args.containsKey("jobTemplate")
                ? new JobTemplate((String) args.get("jobTemplate"))
                : JobTemplate.DEFAULT;
        PromotionScope scope = PromotionScope.of(
                Boolean.TRUE.equals(args.get("all")), Boolean.TRUE.equals(args.get("resume")), Set.of());
        return PromotionPlan.of(ReleasePlan.of(target, deployed), template, scope)
                .toMap();
    }

    public Object lock(Map<String, Object> args, Closure<?> body) {
        steps.add("lock");
        locks.add((String) args.get("resource"));
        return body.call();
    }

    public Object parallel(Map<String, Object> branches) {
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
        RuntimeException firstFailure = null;
        for (Map.Entry<String, Closure<?>> branch : closures.entrySet()) {
            if (failFast && firstFailure != null) {
                break;
            }
            branchesStarted.add(branch.getKey());
            try {
                branch.getValue().call();
            } catch (RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return null;
    }

    public Map<String, Object> string(Map<String, Object> args) {
        return Map.of("$symbol", "string", "name", args.get("name"), "value", args.get("value"));
    }

    @SuppressWarnings("unchecked")
    public DownstreamRun build(Map<String, Object> args) {
        String job = (String) args.get("job");
        steps.add("build " + job);
        if (!Boolean.FALSE.equals(args.get("propagate")) || !Boolean.TRUE.equals(args.get("wait"))) {
            throw new IllegalArgumentException("promoteRelease must wait for its jobs and read their result itself");
        }
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) args.get("parameters");
        builds.computeIfAbsent(job, j -> new ArrayList<>()).add(parametersAsMap(parameters));
        return new DownstreamRun(job, builds.get(job).size(), downstreamResults.getOrDefault(job, "SUCCESS"));
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
