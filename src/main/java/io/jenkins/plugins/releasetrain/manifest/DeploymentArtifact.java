package io.jenkins.plugins.releasetrain.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A deployment of one product, addressed as {@code <product>/deploy/<gitRepoShortName>}. */
public record DeploymentArtifact(String product, Deployment deployment) implements Artifact {

    public DeploymentArtifact {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(deployment, "deployment");
    }

    @Override
    public String id() {
        return Artifact.id(product, ArtifactKind.DEPLOYMENT, deployment.gitRepoShortName());
    }

    @Override
    public ArtifactKind kind() {
        return ArtifactKind.DEPLOYMENT;
    }

    @Override
    public String version() {
        return deployment.gitCommit();
    }

    @Override
    public String displayVersion() {
        String commit = deployment.gitCommit();
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    @Override
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("gitRepoName", deployment.gitRepoName());
        attributes.put("gitCommit", deployment.gitCommit());
        attributes.put("workflowBase", deployment.workflowBase());
        attributes.put("deployTarget", deployment.deployTarget());
        return attributes;
    }

    @Override
    public Set<String> environmentSpecificAttributes() {
        return Set.of();
    }
}
