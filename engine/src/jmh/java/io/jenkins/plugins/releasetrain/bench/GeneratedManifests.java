package io.jenkins.plugins.releasetrain.bench;

import java.util.Random;

/** Release manifests of a given size, shaped like the seed's (products of deployments and images). */
final class GeneratedManifests {

    private static final int ARTIFACTS_PER_PRODUCT = 100;

    private GeneratedManifests() {}

    /**
     * A staging manifest of {@code artifacts} artifacts, half deployments and half images; {@code revision}
     * changes one artifact in ten, so a plan between two revisions has real work in it.
     */
    static String staging(int artifacts, int revision) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(artifacts * 220);
        out.append(
                "environment:\n  name: staging-us-east-2\n  shortName: stage-us\n  destinationTagPrefix: stage_us\n");
        out.append("products:\n");
        int products = Math.max(1, artifacts / ARTIFACTS_PER_PRODUCT);
        int perProduct = artifacts / products;
        for (int p = 0; p < products; p++) {
            out.append("  - name: product").append(p).append('\n');
            out.append("    releaseVersion: 1.").append(p).append(".0\n");
            out.append("    releaseCandidate: ").append(1 + revision).append('\n');
            out.append("    deployments:\n");
            for (int d = 0; d < perProduct / 2; d++) {
                String commit = sha(random, d % 10 == 0 ? revision : 0);
                out.append("      - gitRepoName: service-")
                        .append(p)
                        .append('-')
                        .append(d)
                        .append('\n');
                out.append("        gitRepoShortName: svc-").append(d).append('\n');
                out.append("        gitCommit: ").append(commit).append('\n');
                out.append("        workflowBase: lambda-job\n");
                out.append("        deployTarget: lambda\n");
            }
            out.append("    images:\n");
            for (int i = 0; i < perProduct - perProduct / 2; i++) {
                out.append("      - repoName: product")
                        .append(p)
                        .append("/microservice-")
                        .append(i)
                        .append('\n');
                out.append("        sourceTag: dev_")
                        .append(100 + i + (i % 10 == 0 ? revision : 0))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String sha(Random random, int salt) {
        StringBuilder sha = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sha.append(Character.forDigit((random.nextInt(16) + (i == 0 ? salt : 0)) % 16, 16));
        }
        return sha.toString();
    }
}
