package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;

/** The keys of each part of a manifest, in the order the reference documents them. */
final class ManifestFields {

    static final List<String> TOP = List.of("environment", "products");
    static final List<String> ENVIRONMENT = List.of("name", "shortName", "destinationTagPrefix");
    static final List<String> PRODUCT = List.of("name", "releaseVersion", "releaseCandidate", "deployments", "images");
    static final List<String> DEPLOYMENT =
            List.of("gitRepoName", "gitRepoShortName", "gitCommit", "workflowBase", "deployTarget");
    static final List<String> IMAGE = List.of("repoName", "sourceTag", "destinationTag");

    private ManifestFields() {}
}
