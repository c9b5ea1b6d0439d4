package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JSON Schema and the validator agree on a corpus: valid manifests pass both, invalid ones
 * fail both, and the rules a schema cannot express (uniqueness, derived tags, placeholder commits) are
 * listed under beyond-schema/, where only the validator refuses.
 */
class ManifestSchemaAgreementTest {

    private static final Path CORPUS = Path.of("src/test/resources/manifests/corpus");
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ManifestSchema.text(), InputFormat.JSON);
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    static Stream<Path> valid() throws IOException {
        return Stream.concat(
                corpus("valid"),
                Stream.of(Fixtures.example("staging-us-east-2.yaml"), Fixtures.example("production-us-east-2.yaml")));
    }

    static Stream<Path> invalid() throws IOException {
        return corpus("invalid");
    }

    static Stream<Path> beyondSchema() throws IOException {
        return corpus("beyond-schema");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validManifestsPassBoth(Path file) throws IOException {
        assertThatCode(() -> new ManifestLoader().load(file)).doesNotThrowAnyException();
        assertThat(schemaErrors(file)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidManifestsFailBoth(Path file) throws IOException {
        ManifestException refused =
                catchThrowableOfType(ManifestException.class, () -> new ManifestLoader().load(file));
        assertThat(refused).as("validator refuses %s", file).isNotNull();
        assertThat(schemaErrors(file)).as("schema refuses %s", file).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("beyondSchema")
    void rulesBeyondTheSchemaAreTheValidatorsAlone(Path file) throws IOException {
        ManifestException refused =
                catchThrowableOfType(ManifestException.class, () -> new ManifestLoader().load(file));
        assertThat(refused).as("validator refuses %s", file).isNotNull();
        assertThat(schemaErrors(file)).as("schema accepts %s", file).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void docsCarryTheSameSchemaAsTheBuild() throws IOException {
        assertThat(Files.readString(Fixtures.projectRoot().resolve("docs/release-manifest.schema.json")))
                .isEqualTo(ManifestSchema.text());
    }

    private static Stream<Path> corpus(String dir) throws IOException {
        Path root = Fixtures.projectRoot().resolve(CORPUS).resolve(dir);
        try (Stream<Path> files = Files.list(root)) {
            List<Path> sorted = files.sorted().toList();
            assertThat(sorted).isNotEmpty();
            return sorted.stream();
        }
    }

    private static List<Error> schemaErrors(Path file) throws IOException {
        YamlDocument document = new SafeYamlReader().read(file.toString(), Files.readAllBytes(file));
        String json = new ObjectMapper().writeValueAsString(toJson(document.root()));
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    /** What an editor's YAML language server sees: the YAML 1.2 core schema's types for plain scalars. */
    private static Object toJson(YamlNode node) {
        if (node instanceof YamlMapping mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            mapping.entries().forEach(e -> map.put(e.key().value(), toJson(e.value())));
            return map;
        }
        if (node instanceof YamlSequence sequence) {
            return sequence.items().stream()
                    .map(ManifestSchemaAgreementTest::toJson)
                    .toList();
        }
        YamlScalar scalar = (YamlScalar) node;
        if (scalar.style() != YamlScalar.Style.PLAIN) {
            return scalar.value();
        }
        String value = scalar.value();
        if (scalar.isNull()) {
            return null;
        } else if (INT.matcher(value).matches()) {
            return new BigInteger(value);
        } else if (FLOAT.matcher(value).matches()) {
            return Double.valueOf(value);
        } else if (List.of("true", "false").contains(value.toLowerCase(Locale.ROOT))) {
            return Boolean.valueOf(value);
        }
        return value;
    }
}
