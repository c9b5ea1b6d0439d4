package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, the loader either returns a release or throws a {@link ManifestException} whose
 * every diagnostic points inside the file: no other exception, no position outside the text.
 */
class ManifestLoaderRobustnessTest {

    private static final byte[] STAGING =
            Fixtures.exampleText("staging-us-east-2.yaml").getBytes(StandardCharsets.UTF_8);

    @Property(tries = 400)
    void mutatedManifestsFailOnlyWithPositionedDiagnostics(@ForAll("mutations") byte[] bytes) {
        loadExpectingOnlyManifestErrors(bytes);
    }

    @Property(tries = 200)
    void arbitraryTextFailsOnlyWithPositionedDiagnostics(@ForAll("yamlish") String text) {
        loadExpectingOnlyManifestErrors(text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, STAGING.length - 1);
        Arbitrary<Byte> replacement = Arbitraries.of(
                (byte) ':',
                (byte) '-',
                (byte) ' ',
                (byte) '\n',
                (byte) '\t',
                (byte) '&',
                (byte) '*',
                (byte) '!',
                (byte) '[',
                (byte) '{',
                (byte) '"',
                (byte) '\'',
                (byte) '#',
                (byte) 0xC3,
                (byte) 0xFF,
                (byte) 0);
        return Arbitraries.integers()
                .between(1, 6)
                .flatMap(count -> position.list()
                        .ofSize(count)
                        .flatMap(positions -> replacement.list().ofSize(count).map(bytes -> {
                            byte[] mutated = STAGING.clone();
                            for (int i = 0; i < count; i++) {
                                mutated[positions.get(i)] = bytes.get(i);
                            }
                            return mutated;
                        })));
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings()
                .withChars("abcxyz019_-.:/ \n\t[]{},&*!|>'\"#?%@`~\u00e9\u2028")
                .ofMaxLength(300);
    }

    private static void loadExpectingOnlyManifestErrors(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        // YAML counts CR, CRLF, NEL and the Unicode line and paragraph separators as line breaks too.
        int lines = text.split("\r\n|[\n\r\u0085\u2028\u2029]", -1).length;
        try {
            new ManifestLoader().load("fuzz.yaml", bytes);
        } catch (ManifestException e) {
            assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.position().file()).isEqualTo("fuzz.yaml");
                assertThat(d.position().line()).isBetween(1, lines + 1);
                assertThat(d.message()).isNotBlank();
            });
        }
    }
}
