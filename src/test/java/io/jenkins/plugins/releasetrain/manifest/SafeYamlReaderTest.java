package io.jenkins.plugins.releasetrain.manifest;

import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.FILE;
import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.errorsOf;
import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed input: each is refused with a positioned message. The timeouts are generous
 * safety nets against a hang, not performance claims (the benchmark measures speed).
 */
class SafeYamlReaderTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void refusesBillionLaughsQuicklyAtTheFirstAliasOverTheLimit() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        Diagnostic error = assertTimeoutPreemptively(BOUND, () -> onlyError(bomb.toString()));
        assertThat(error.message()).isEqualTo("the file uses more than 16 aliases (*name)");
        assertThat(error.position().line()).isEqualTo(3);
        assertThat(error.hint()).contains("YAML bomb");
    }

    @Test
    void boundsExpansionEvenWithFewAliases() {
        ManifestLimits tight = new ManifestLimits(1 << 20, 16, 20_000, 16, 5_000, 4096);
        StringBuilder text = new StringBuilder("base: &b [");
        for (int i = 0; i < 2_000; i++) {
            text.append(i == 0 ? "" : ",").append("x");
        }
        text.append("]\nuse: [*b, *b, *b]\n");
        ManifestException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                ManifestException.class,
                () -> new SafeYamlReader(tight).read(FILE, text.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("the document expands to more than 5000 values"));
    }

    @Test
    void refusesAHugeFileAfterReadingOnlyTheLimit(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        CountingStream counting = new CountingStream(50L * 1024 * 1024);
        ManifestLoader loader = new ManifestLoader();
        byte[] read = loader.readBounded(counting);
        assertThat(counting.served).isEqualTo(ManifestLimits.DEFAULT.maxBytes() + 1L);

        ManifestException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                ManifestException.class, () -> assertTimeoutPreemptively(BOUND, () -> loader.load(huge)));
        assertThat(refused.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.position()).isEqualTo(SourcePosition.startOf(huge.toString()));
            // only the limit was read: the message says "larger than", never a made-up size such as 8388609 bytes
            assertThat(d.message()).isEqualTo("the file is larger than 8 MiB, the most a release manifest may have");
        });
        assertThat(read).hasSize(ManifestLimits.DEFAULT.maxBytes() + 1);
    }

    @Test
    void refusesDeepNesting() {
        String deep = "a: ".repeat(1) + "[".repeat(40) + "]".repeat(40) + "\n";
        Diagnostic error = onlyError(deep);
        assertThat(error.message()).isEqualTo("the document nests deeper than 16 levels");
    }

    @Test
    void refusesOversizedCollections() {
        ManifestLimits tight = new ManifestLimits(1 << 20, 16, 100, 16, 1_000_000, 4096);
        StringBuilder text = new StringBuilder("products:\n");
        for (int i = 0; i < 101; i++) {
            text.append("  - x").append(i).append('\n');
        }
        ManifestException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                ManifestException.class,
                () -> new SafeYamlReader(tight).read(FILE, text.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("a list has more than 100 entries");
            assertThat(d.position()).isEqualTo(new SourcePosition(FILE, 102, 5));
        });
    }

    @Test
    void refusesAVeryLongValue() {
        Diagnostic error = onlyError("environment:\n  name: " + "x".repeat(5000) + "\n");
        assertThat(error.message()).isEqualTo("a value is 5000 characters long, more than the 4096 allowed");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 2, 9));
    }

    @Test
    void refusesCustomAndLanguageTags() {
        assertThat(onlyError("environment: !!python/object/apply:os.system [id]\n")
                        .message())
                .isEqualTo("the YAML tag !!python/object/apply:os.system is not allowed in a release manifest");
        assertThat(onlyError("environment: !custom {}\n").message()).contains("!custom");
        assertThat(onlyError("x: !!binary aGVsbG8=\n").message()).contains("!!binary");
        assertThat(onlyError("x: !!java.net.URL [\"http://127.0.0.1/\"]\n").message())
                .contains("!!java.net.URL");
    }

    @Test
    void acceptsExplicitStringTags() {
        YamlDocument document = new SafeYamlReader().read(FILE, "a: !!str 123\n".getBytes(StandardCharsets.UTF_8));
        YamlScalar value = (YamlScalar) ((YamlMapping) document.root()).get("a").orElseThrow();
        assertThat(value.value()).isEqualTo("123");
    }

    @Test
    void refusesDuplicateKeysNamingBothLines() {
        Diagnostic error = onlyError("environment:\n  name: a\n  shortName: b\n  name: c\n");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 4, 3));
        assertThat(error.message()).isEqualTo("the key 'name' appears twice in the same mapping (first at line 2)");
    }

    @Test
    void refusesComplexKeys() {
        assertThat(onlyError("? [a, b]\n: c\n").message()).isEqualTo("a key is a list; keys must be plain names");
    }

    @Test
    void refusesAnAliasToAnUndefinedOrEnclosingAnchor() {
        assertThat(onlyError("a: *nowhere\n").message())
                .isEqualTo("the alias *nowhere refers to no anchor defined before it");
        assertThat(onlyError("a: &loop [*loop]\n").message())
                .isEqualTo("the alias *loop refers to no anchor defined before it");
    }

    @Test
    void refusesSeveralDocuments() {
        Diagnostic error = onlyError("a: 1\n---\nb: 2\n");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 2, 1));
        assertThat(error.message()).isEqualTo("the file holds more than one YAML document");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(onlyError("").message()).isEqualTo("the file is empty");
        assertThat(onlyError("# only a comment\n").message()).isEqualTo("the file is empty");
    }

    @Test
    void reportsSyntaxErrorsWithPositionAndHint() {
        Diagnostic error = onlyError("environment:\n  name: a\n shortName: b\n");
        assertThat(error.position().line()).isEqualTo(3);
        assertThat(error.message()).startsWith("YAML syntax: ");
        assertThat(error.hint()).contains("indentation");
    }

    @Test
    void explainsTabs() {
        Diagnostic error = onlyError("environment:\n\tname: a\n");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 2, 1));
        assertThat(error.message()).isEqualTo("a tab is used for indentation here; YAML does not allow tabs");
        assertThat(error.hint()).isEqualTo("indent with spaces; YAML does not allow tabs");
    }

    @Test
    void refusesInvalidUtf8AtTheOffendingCharacter() {
        byte[] latin1 = "environment:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Diagnostic error = errorsOf(latin1).get(0);
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 2, 12));
        assertThat(error.message()).isEqualTo("the file is not valid UTF-8");
        assertThat(error.hint()).contains("re-save the file as UTF-8");
    }

    @Test
    void refusesUtf16() {
        byte[] utf16 = "environment: {}\n".getBytes(StandardCharsets.UTF_16);
        assertThat(errorsOf(utf16).get(0).message())
                .isEqualTo("the file is encoded in UTF-16; release manifests must be UTF-8");
    }

    @Test
    void acceptsAUtf8ByteOrderMark() {
        byte[] text = "\uFEFFa: b\n".getBytes(StandardCharsets.UTF_8);
        YamlDocument document = new SafeYamlReader().read(FILE, text);
        assertThat(((YamlMapping) document.root()).get("a")).isPresent();
    }

    @Test
    void refusesControlCharacters() {
        Diagnostic error = onlyError("a: 1\nb: x\u0000c\n");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 2, 5));
        assertThat(error.message()).isEqualTo("the file contains the character U+0000, which YAML does not allow");
    }

    @Test
    void keepsPositionsOffsetsAndStylesOfScalars() {
        String text = "# comment\nenv:\n  name: 'stage'   # quoted\n  tag: \"dev_1\"\n  plain: héllo\n  empty:\n";
        YamlMapping env = (YamlMapping) ((YamlMapping) new SafeYamlReader()
                        .read(FILE, text.getBytes(StandardCharsets.UTF_8))
                        .root())
                .get("env")
                .orElseThrow();
        YamlScalar name = (YamlScalar) env.get("name").orElseThrow();
        assertThat(name.position()).isEqualTo(new SourcePosition(FILE, 3, 9));
        assertThat(name.style()).isEqualTo(YamlScalar.Style.SINGLE_QUOTED);
        assertThat(text.substring(name.startIndex(), name.endIndex())).isEqualTo("'stage'");
        YamlScalar tag = (YamlScalar) env.get("tag").orElseThrow();
        assertThat(tag.style()).isEqualTo(YamlScalar.Style.DOUBLE_QUOTED);
        assertThat(text.substring(tag.startIndex(), tag.endIndex())).isEqualTo("\"dev_1\"");
        YamlScalar plain = (YamlScalar) env.get("plain").orElseThrow();
        assertThat(text.substring(plain.startIndex(), plain.endIndex())).isEqualTo("héllo");
        YamlScalar empty = (YamlScalar) env.get("empty").orElseThrow();
        assertThat(empty.isNull()).isTrue();
    }

    /** Serves zero bytes up to a size without holding them, and counts what was read. */
    private static final class CountingStream extends InputStream {
        private final long size;
        private long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            served += n;
            return n;
        }
    }
}
