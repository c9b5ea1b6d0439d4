package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.Environment;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployment job is told about its release: the same names as environment variables of a CLI
 * handler and as string parameters of the Jenkins job named by {@code workflowBase}, so one deploy
 * script serves both (docs/release-context.md).
 */
public final class ReleaseContext {

    public static final String ENVIRONMENT = "RELEASE_ENVIRONMENT";
    public static final String ENV_SHORT_NAME = "RELEASE_ENV_SHORT_NAME";
    public static final String TAG_PREFIX = "RELEASE_TAG_PREFIX";
    public static final String PRODUCT = "RELEASE_PRODUCT";
    public static final String VERSION = "RELEASE_VERSION";
    public static final String CANDIDATE = "RELEASE_CANDIDATE";
    public static final String GIT_REPO = "RELEASE_GIT_REPO";
    public static final String GIT_REPO_SHORT_NAME = "RELEASE_GIT_REPO_SHORT_NAME";
    public static final String GIT_COMMIT = "RELEASE_GIT_COMMIT";
    public static final String DEPLOY_TARGET = "RELEASE_DEPLOY_TARGET";
    public static final String RELEASE_ID = "RELEASE_ID";
    public static final String ARTIFACT_ID = "RELEASE_ARTIFACT_ID";
    public static final String RUN_ID = "RELEASE_RUN_ID";
    public static final String CHANGED_ARTIFACTS = "RELEASE_CHANGED_ARTIFACTS";

    private ReleaseContext() {}

    /** The context of one deployment of {@code release}, in the documented order. */
    public static Map<String, String> of(Release release, DeploymentArtifact artifact) {
        Environment environment = release.environment();
        Product product = release.product(artifact.product())
                .orElseThrow(() -> new IllegalArgumentException(
                        artifact.id() + " is not an artifact of the release for " + environment.name()));
        Map<String, String> context = new LinkedHashMap<>();
        context.put(ENVIRONMENT, environment.name());
        context.put(ENV_SHORT_NAME, environment.shortName());
        context.put(TAG_PREFIX, environment.destinationTagPrefix());
        context.put(PRODUCT, product.name());
        context.put(VERSION, product.releaseVersion());
        context.put(CANDIDATE, Integer.toString(product.releaseCandidate()));
        context.put(GIT_REPO, artifact.deployment().gitRepoName());
        context.put(GIT_REPO_SHORT_NAME, artifact.deployment().gitRepoShortName());
        context.put(GIT_COMMIT, artifact.deployment().gitCommit());
        context.put(DEPLOY_TARGET, artifact.deployment().deployTarget());
        context.put(RELEASE_ID, release.id().value());
        context.put(ARTIFACT_ID, artifact.id());
        return Collections.unmodifiableMap(context);
    }

    /**
     * The context of a release's verification: its environment, release and run, and the artifacts the run
     * deployed, comma-separated in the order they were recorded.
     */
    public static Map<String, String> ofVerification(Release release, String runId, List<String> changedArtifacts) {
        Environment environment = release.environment();
        Map<String, String> context = new LinkedHashMap<>();
        context.put(ENVIRONMENT, environment.name());
        context.put(ENV_SHORT_NAME, environment.shortName());
        context.put(TAG_PREFIX, environment.destinationTagPrefix());
        context.put(RELEASE_ID, release.id().value());
        context.put(RUN_ID, runId);
        context.put(CHANGED_ARTIFACTS, String.join(",", changedArtifacts));
        return Collections.unmodifiableMap(context);
    }
}
