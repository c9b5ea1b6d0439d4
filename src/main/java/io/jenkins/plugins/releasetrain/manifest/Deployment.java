package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/**
 * One deployable piece of a product: a commit of a repository, deployed by the job or handler named by
 * {@code workflowBase} to a kind of target ({@link DeployTarget}).
 */
public record Deployment(
        String gitRepoName, String gitRepoShortName, String gitCommit, String workflowBase, String deployTarget) {

    public Deployment {
        Objects.requireNonNull(gitRepoName, "gitRepoName");
        Objects.requireNonNull(gitRepoShortName, "gitRepoShortName");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(workflowBase, "workflowBase");
        Objects.requireNonNull(deployTarget, "deployTarget");
    }
}
