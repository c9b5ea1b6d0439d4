package io.jenkins.plugins.releasetrain.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Handler scripts written by a test into its own directory. */
final class Handlers {

    /** Every workflowBase of the example releases. */
    static final List<String> EXAMPLE_WORKFLOWS = List.of(
            "lambda-job", "s3-upload-resources", "s3-upload-public-assets", "s3-upload-portal", "api-gw-deploy");

    private Handlers() {}

    /** An executable POSIX sh script {@code dir/name} running {@code body}. */
    static Path write(Path dir, String name, String body) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve(name);
            Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One handler per example workflowBase, each appending its artifact id to {@code calls}. */
    static Path recording(Path dir, Path calls) {
        for (String workflow : EXAMPLE_WORKFLOWS) {
            write(
                    dir,
                    workflow,
                    "echo \"$RELEASE_ARTIFACT_ID\" >> '" + calls + "'\necho deployed $RELEASE_ARTIFACT_ID");
        }
        return dir;
    }

    static List<String> calls(Path calls) {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
