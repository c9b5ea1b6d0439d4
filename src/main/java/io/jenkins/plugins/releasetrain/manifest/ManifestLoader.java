package io.jenkins.plugins.releasetrain.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way from text to a {@link Release}: read safely, map onto the model, validate every rule, and
 * either return the release with its warnings or throw a {@link ManifestException} listing every error.
 */
public final class ManifestLoader {

    private final ManifestLimits limits;
    private final SafeYamlReader yaml;

    public ManifestLoader(ManifestLimits limits) {
        this.limits = limits;
        this.yaml = new SafeYamlReader(limits);
    }

    public ManifestLoader() {
        this(ManifestLimits.DEFAULT);
    }

    public LoadedManifest load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(Diagnostic.error(
                    SourcePosition.startOf(name),
                    Files.exists(file) ? "not a regular file" : "no such file",
                    "give the path of a release manifest, such as examples/releases/staging-us-east-2.yaml"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(name, readBounded(in));
        } catch (NoSuchFileException e) {
            throw new ManifestException(Diagnostic.error(SourcePosition.startOf(name), "no such file", null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    public LoadedManifest load(String sourceName, String text) {
        return load(sourceName, text.getBytes(StandardCharsets.UTF_8));
    }

    public LoadedManifest load(String sourceName, byte[] bytes) {
        YamlDocument document = yaml.read(sourceName, bytes);
        Findings findings = new Findings();
        ManifestReader reader = new ManifestReader(findings);
        Optional<Release> release = reader.read(document);
        SourceMap sourceMap = new SourceMap(sourceName, reader.positions());
        release.ifPresent(r -> new ReleaseRules(findings, sourceMap, reader::pathOf).check(r));
        if (findings.hasErrors() || release.isEmpty()) {
            throw new ManifestException(findings.sorted());
        }
        return new LoadedManifest(document, release.get(), findings.sorted(), sourceMap);
    }

    /**
     * Reads at most one byte more than the size limit, so that a 50 MB (or endless) stream costs no more
     * than the limit before it is refused.
     */
    public byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(limits.maxBytes() + 1);
    }
}
