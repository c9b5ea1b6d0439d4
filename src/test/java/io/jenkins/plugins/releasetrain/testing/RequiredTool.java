package io.jenkins.plugins.releasetrain.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A program from Debian's packages that some tests drive for real (docker-registry, chromium, git...).
 *
 * <p>On a developer machine without it, those tests are skipped with a message saying what to install.
 * {@code .ci/run} installs every tool and sets {@code RELEASE_TRAIN_REQUIRE_TOOLS=1}, which turns a
 * missing tool into a failure, so CI can never pass by skipping.
 */
public record RequiredTool(String name, Path path, String debianPackage) {

    public static final RequiredTool DOCKER_REGISTRY =
            new RequiredTool("docker-registry", Path.of("/usr/bin/docker-registry"), "docker-registry");
    public static final RequiredTool CHROMIUM = new RequiredTool("chromium", Path.of("/usr/bin/chromium"), "chromium");
    public static final RequiredTool CHROMEDRIVER =
            new RequiredTool("chromedriver", Path.of("/usr/bin/chromedriver"), "chromium-driver");
    public static final RequiredTool GIT = new RequiredTool("git", Path.of("/usr/bin/git"), "git");
    public static final RequiredTool HTPASSWD =
            new RequiredTool("htpasswd", Path.of("/usr/bin/htpasswd"), "apache2-utils");
    public static final RequiredTool SKOPEO = new RequiredTool("skopeo", Path.of("/usr/bin/skopeo"), "skopeo");

    public static final RequiredTool SETSID = new RequiredTool("setsid", Path.of("/usr/bin/setsid"), "util-linux");
    public static final RequiredTool SETPRIV = new RequiredTool("setpriv", Path.of("/usr/bin/setpriv"), "util-linux");

    private static final List<RequiredTool> ALL =
            List.of(DOCKER_REGISTRY, CHROMIUM, CHROMEDRIVER, GIT, HTPASSWD, SKOPEO, SETSID, SETPRIV);

    /** The tool of this name; an unknown name is a program of that name in /usr/bin, from the package of that name. */
    public static RequiredTool named(String name) {
        return ALL.stream()
                .filter(tool -> tool.name().equals(name))
                .findFirst()
                .orElseGet(() -> new RequiredTool(name, Path.of("/usr/bin", name), name));
    }

    public boolean isInstalled() {
        return Files.isExecutable(path);
    }

    /** What to do about it: which Debian package to install. */
    public String missingMessage() {
        return name + " is not installed at " + path + ": run `apt-get install " + debianPackage
                + "` (or .ci/run, which installs every tool the tests use)";
    }

    /** Returns the tool's path, or skips (fails under CI) the calling test when it is not installed. */
    public Path require() {
        boolean present = isInstalled();
        String message = missingMessage();
        if (!present && "1".equals(System.getenv("RELEASE_TRAIN_REQUIRE_TOOLS"))) {
            fail(message);
        }
        assumeTrue(present, message);
        return path;
    }
}
