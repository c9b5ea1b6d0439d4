package io.jenkins.plugins.releasetrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shipped files (examples, docs), found from wherever the build runs the tests. */
public final class Fixtures {

    private Fixtures() {}

    /** The project root: the nearest directory up from the working directory that has examples/releases. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/releases"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no examples/releases above " + Path.of("").toAbsolutePath());
    }

    public static Path example(String fileName) {
        return projectRoot().resolve("examples/releases").resolve(fileName);
    }

    public static String exampleText(String fileName) {
        try {
            return Files.readString(example(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with {@code from} replaced by {@code to}; fails when {@code from} is not there exactly once. */
    public static String replaceOnce(String text, String from, String to) {
        int first = text.indexOf(from);
        if (first < 0 || text.indexOf(from, first + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + from + "' in the fixture");
        }
        return text.substring(0, first) + to + text.substring(first + from.length());
    }

    /**
     * A production-us-east-2 manifest whose one product, product1 1.9.0-rc1, has {@code body} (its
     * {@code deployments:} and {@code images:}, indented as under a product).
     */
    public static String productionManifest(String body) {
        return """
                environment:
                  name: production-us-east-2
                  shortName: prod-us
                  destinationTagPrefix: prod_us
                products:
                  - name: product1
                    releaseVersion: 1.9.0
                    releaseCandidate: 1
                """ + body;
    }

    /** One deployment of public-portal at {@code commit}, as {@link #productionManifest} takes it. */
    public static String portalDeployment(String commit) {
        return """
                    deployments:
                      - gitRepoName: public-portal
                        gitRepoShortName: portal
                        gitCommit: %s
                        workflowBase: s3-upload-portal
                        deployTarget: s3
                """.formatted(commit);
    }
}
