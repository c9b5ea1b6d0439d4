package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLimits;
import io.jenkins.plugins.releasetrain.manifest.SafeYamlReader;
import io.jenkins.plugins.releasetrain.manifest.SourcePosition;
import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import io.jenkins.plugins.releasetrain.manifest.YamlDocument;
import io.jenkins.plugins.releasetrain.manifest.YamlMapping;
import io.jenkins.plugins.releasetrain.manifest.YamlNode;
import io.jenkins.plugins.releasetrain.manifest.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Where repositories are, kept in a file beside the release policy rather than typed on every command line:
 *
 * <pre>
 * repositoryTemplate: https://git.example.com/acme/{gitRepoName}.git
 * repositories:
 *   public-portal: https://legacy.example.com/portal.git
 * limit: 50
 * issuePattern: "[A-Z][A-Z0-9]+-\\d+"
 * </pre>
 *
 * Read with the manifests' safe reader; every problem is reported at once as {@code FILE:LINE:COL}.
 */
public record RepositoryConfig(
        Optional<String> template, Map<String, String> overrides, OptionalInt limit, Optional<String> issuePattern) {

    private static final List<String> KEYS = List.of("repositoryTemplate", "repositories", "limit", "issuePattern");
    private static final ManifestLimits LIMITS = new ManifestLimits(256 * 1024, 8, 5000, 8, 20_000, 4096);

    public RepositoryConfig {
        overrides = Map.copyOf(overrides);
    }

    /**
     * @throws ManifestException with every problem of the file, each at its position
     */
    public static RepositoryConfig load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(Diagnostic.error(
                    SourcePosition.startOf(name),
                    "no such file",
                    "give the file with repositoryTemplate and repositories (docs/cli.md)"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(new SafeYamlReader(LIMITS).read(name, in.readNBytes(LIMITS.maxBytes() + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    static RepositoryConfig read(YamlDocument document) {
        List<Diagnostic> problems = new ArrayList<>();
        if (!(document.root() instanceof YamlMapping root)) {
            throw new ManifestException(Diagnostic.error(
                    document.root().position(),
                    "the repository configuration must be a mapping",
                    "write repositoryTemplate: and repositories: at the top level"));
        }
        Optional<String> template = Optional.empty();
        Map<String, String> overrides = new TreeMap<>();
        OptionalInt limit = OptionalInt.empty();
        Optional<String> issuePattern = Optional.empty();
        for (YamlMapping.Entry entry : root.entries()) {
            String key = entry.key().value();
            switch (key) {
                case "repositoryTemplate" -> template = text(entry.value(), key, problems);
                case "issuePattern" -> issuePattern = text(entry.value(), key, problems);
                case "limit" ->
                    limit = text(entry.value(), key, problems)
                            .filter(v -> v.matches("\\d{1,4}")
                                    || problem(
                                            problems,
                                            entry.value(),
                                            "limit must be a number of" + " commits, 1 to 9999, not '" + v + "'"))
                            .map(v -> OptionalInt.of(Integer.parseInt(v)))
                            .orElse(OptionalInt.empty());
                case "repositories" -> {
                    if (entry.value() instanceof YamlMapping repositories) {
                        repositories
                                .entries()
                                .forEach(r -> text(r.value(), r.key().value(), problems)
                                        .ifPresent(url -> overrides.put(r.key().value(), url)));
                    } else {
                        problem(problems, entry.value(), "repositories must map each gitRepoName to its URL");
                    }
                }
                default ->
                    problems.add(Diagnostic.error(
                            entry.key().position(),
                            "unknown key '" + key + "'",
                            Suggestions.closest(key, KEYS)
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("known keys: " + String.join(", ", KEYS))));
            }
        }
        if (template.isPresent()) {
            try {
                new RepositoryLocator(template, Map.of());
            } catch (IllegalArgumentException e) {
                problem(problems, root.get("repositoryTemplate").orElseThrow(), e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return new RepositoryConfig(template, overrides, limit, issuePattern);
    }

    private static Optional<String> text(YamlNode node, String key, List<Diagnostic> problems) {
        if (node instanceof YamlScalar scalar && !scalar.isNull() && !scalar.isBlank()) {
            return Optional.of(scalar.value().strip());
        }
        problem(problems, node, key + " needs a value");
        return Optional.empty();
    }

    private static boolean problem(List<Diagnostic> problems, YamlNode node, String message) {
        problems.add(Diagnostic.error(node.position(), message, null));
        return false;
    }
}
