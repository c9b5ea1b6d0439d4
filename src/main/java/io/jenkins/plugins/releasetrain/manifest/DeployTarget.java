package io.jenkins.plugins.releasetrain.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of target a deployment can have. The set is closed so that a typo ({@code lamda}) is caught at
 * validation instead of reaching a deploy job; {@code generic} covers anything else.
 */
public enum DeployTarget {
    LAMBDA("lambda", "an AWS Lambda function"),
    S3("s3", "files uploaded to an S3 bucket"),
    APIGW("apigw", "an Amazon API Gateway API"),
    ECS("ecs", "an Amazon ECS service"),
    HELM("helm", "a Helm release"),
    K8S("k8s", "Kubernetes manifests"),
    GENERIC("generic", "anything else; the workflowBase job decides");

    private final String id;
    private final String description;

    DeployTarget(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<DeployTarget> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(DeployTarget::id).toList();
    }
}
