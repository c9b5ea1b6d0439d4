package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.manifest.ManifestSchema;
import picocli.CommandLine.Command;

/** {@code release-train schema}: the JSON Schema of release manifests, for editor completion. */
@Command(
        name = "schema",
        description = "Print the JSON Schema of release manifests (for editors: yaml.schemas in VS Code).",
        mixinStandardHelpOptions = true)
public final class SchemaCommand extends CliCommand {

    @Override
    protected int run(Terminal terminal) {
        terminal.out().print(ManifestSchema.text());
        return ExitCode.OK;
    }
}
