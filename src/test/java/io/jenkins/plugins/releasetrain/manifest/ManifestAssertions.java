package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

/** Loads manifest text and returns what the user would see: the diagnostics of a refused manifest. */
final class ManifestAssertions {

    static final String FILE = "releases/staging-us-east-2.yaml";

    private ManifestAssertions() {}

    static List<Diagnostic> errorsOf(String text) {
        return errorsOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<Diagnostic> errorsOf(byte[] bytes) {
        Throwable thrown = null;
        try {
            new ManifestLoader().load(FILE, bytes);
        } catch (ManifestException e) {
            thrown = e;
        }
        assertThatThrownBy(rethrow(thrown)).isInstanceOf(ManifestException.class);
        return ((ManifestException) thrown).errors();
    }

    /** The single error of a refused manifest; fails when there are none or several. */
    static Diagnostic onlyError(String text) {
        List<Diagnostic> errors = errorsOf(text);
        org.assertj.core.api.Assertions.assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    static List<Diagnostic> warningsOf(String text) {
        return new ManifestLoader().load(FILE, text).warnings();
    }

    private static org.assertj.core.api.ThrowableAssert.ThrowingCallable rethrow(Throwable thrown) {
        return () -> {
            if (thrown != null) {
                throw thrown;
            }
        };
    }
}
