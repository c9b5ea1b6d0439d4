package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLimits;
import io.jenkins.plugins.releasetrain.manifest.SafeYamlReader;
import io.jenkins.plugins.releasetrain.manifest.SourcePosition;
import io.jenkins.plugins.releasetrain.manifest.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a protection policy from YAML or JSON (the CLI's {@code --policy FILE}) with the care given to
 * manifests: the same safe reader (no tags, aliases bounded, sizes capped), every error at once as {@code
 * FILE:LINE:COL}, unknown keys with "did you mean". The Jenkins plugin builds the same records from its
 * global configuration instead.
 */
public final class PolicyLoader {

    /** A policy is a few rules; a megabyte is already absurd. */
    private static final ManifestLimits LIMITS = new ManifestLimits(1024 * 1024, 12, 1000, 16, 100_000, 4096);

    private final SafeYamlReader yaml = new SafeYamlReader(LIMITS);

    public LoadedPolicy load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new PolicyException(List.of(Diagnostic.error(
                    SourcePosition.startOf(name),
                    Files.exists(file) ? "not a regular file" : "no such file",
                    "give the path of a policy file; docs/approvals.md has an example")));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(name, in.readNBytes(LIMITS.maxBytes() + 1));
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(Diagnostic.error(SourcePosition.startOf(name), "no such file", null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    public LoadedPolicy load(String sourceName, String text) {
        return load(sourceName, text.getBytes(StandardCharsets.UTF_8));
    }

    public LoadedPolicy load(String sourceName, byte[] bytes) {
        YamlDocument document;
        try {
            document = yaml.read(sourceName, bytes);
        } catch (ManifestException e) {
            throw new PolicyException(
                    e.diagnostics().stream().map(PolicyLoader::forPolicies).toList());
        }
        return new PolicyReader(sourceName).read(document);
    }

    /** The safe reader speaks of manifests in two of its hints; a policy file deserves its own. */
    private static Diagnostic forPolicies(Diagnostic diagnostic) {
        if (diagnostic.message().equals("the file is empty")) {
            return Diagnostic.error(
                    diagnostic.position(),
                    "the policy file is empty",
                    "start from the example in docs/approvals.md: 'rules:' and one rule per environment group");
        }
        if (diagnostic.message().startsWith("the file holds more than one YAML document")) {
            return Diagnostic.error(
                    diagnostic.position(), diagnostic.message(), "keep every rule in one document under 'rules:'");
        }
        if (diagnostic.message().startsWith("the file is ")
                && diagnostic.message().contains("bytes")) {
            return Diagnostic.error(diagnostic.position(), diagnostic.message(), "check that this is the policy file");
        }
        return diagnostic;
    }
}
