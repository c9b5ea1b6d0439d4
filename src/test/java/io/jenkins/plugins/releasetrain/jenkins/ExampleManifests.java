package io.jenkins.plugins.releasetrain.jenkins;

import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleaseContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shipped example manifests (examples/releases, relative to the plugin's base directory) and variants. */
final class ExampleManifests {

    static final String STAGING = "releases/staging-us-east-2.yaml";
    static final String PRODUCTION = "releases/production-us-east-2.yaml";
    static final String RESOURCES_COMMIT = "gitCommit: 4f545ec8f09c81ac645926f755ba13f46434f636";

    private ExampleManifests() {}

    static String staging() {
        return example("staging-us-east-2.yaml");
    }

    static String production() {
        return example("production-us-east-2.yaml");
    }

    /** The manifest without its images, so that a promotion only runs deployments. */
    static String withoutImages(String manifest) {
        int images = manifest.indexOf("    images:\n");
        if (images < 0) {
            throw new IllegalArgumentException("the manifest has no images");
        }
        return manifest.substring(0, images);
    }

    static String replaceOnce(String text, String from, String to) {
        int first = text.indexOf(from);
        if (first < 0 || text.indexOf(from, first + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + from + "'");
        }
        return text.substring(0, first) + to + text.substring(first + from.length());
    }

    /** A Pipeline {@code writeFile} call that puts {@code text} at {@code path} in the workspace. */
    static String writeFile(String path, String text) {
        if (text.contains("'''") || text.contains("\\") || text.contains("$")) {
            throw new IllegalArgumentException("cannot quote this manifest in a Groovy ''' string");
        }
        return "writeFile file: '" + path + "', text: '''" + text + "'''\n";
    }

    static Release release(String path, String text) {
        return new ManifestLoader().load(path, text).release();
    }

    static Map<String, String> context(Release release, String artifactId) {
        return ReleaseContext.of(
                release, (DeploymentArtifact) release.artifact(artifactId).orElseThrow());
    }

    private static String example(String file) {
        try {
            // Line endings as git checked them out (CRLF on Windows agents); the tests edit the text by lines.
            return Files.readString(Path.of("examples", "releases", file), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
