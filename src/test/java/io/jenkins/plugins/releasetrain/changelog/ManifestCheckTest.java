package io.jenkins.plugins.releasetrain.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.SourcePosition;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a pull request's check says about a manifest. */
class ManifestCheckTest {

    private static final String PATH = "releases/staging-us-east-2.yaml";

    @Test
    void anInvalidManifestFailsWithOneAnnotationPerProblemAtItsLineAndColumn() {
        String text = Fixtures.replaceOnce(
                Fixtures.exampleText("staging-us-east-2.yaml"), "gitCommit: 0017ee3735f0", "gitComit: 0017ee3735f0");
        List<Diagnostic> diagnostics = new ArrayList<>();
        assertThatThrownBy(() -> new ManifestLoader().load(PATH, text))
                .isInstanceOfSatisfying(ManifestException.class, e -> diagnostics.addAll(e.diagnostics()));

        ManifestCheck check =
                ManifestCheck.of("Release manifest", PATH, diagnostics, Optional.empty(), Optional.empty());

        assertThat(check.passed()).isFalse();
        assertThat(check.title())
                .startsWith(diagnostics.stream().filter(Diagnostic::isError).count() + " error");
        assertThat(check.annotations()).hasSameSizeAs(diagnostics);
        ManifestCheck.Annotation first = check.annotations().get(0);
        assertThat(first.path()).isEqualTo(PATH);
        assertThat(first.line()).isEqualTo(diagnostics.get(0).position().line());
        assertThat(first.column()).isEqualTo(diagnostics.get(0).position().column());
        assertThat(check.summary()).contains("The manifest is not valid").contains("gitComit");
    }

    @Test
    void aValidManifestSummarisesWhatMergingDeploys() {
        Release next = new ManifestLoader()
                .load(PATH, Fixtures.exampleText("staging-us-east-2.yaml"))
                .release();
        Release live = new ManifestLoader()
                .load(
                        PATH,
                        Fixtures.replaceOnce(
                                Fixtures.exampleText("staging-us-east-2.yaml"),
                                "4f545ec8f09c81ac645926f755ba13f46434f636",
                                "3e1bfbd23a381c770cac57e56fb08d66c00b77ee"))
                .release();

        ManifestCheck check = ManifestCheck.of(
                "Release manifest",
                PATH,
                List.of(),
                Optional.of(ReleasePlan.of(next, Optional.of(live))),
                Optional.empty());

        assertThat(check.passed()).isTrue();
        assertThat(check.title()).isEqualTo("valid: 1 changed, 8 unchanged");
        assertThat(check.summary())
                .startsWith("### What merging deploys to staging\\-us\\-east\\-2")
                .contains("| product1/deploy/resources | changed | `3e1bfbd23a38` → `4f545ec8f09c` |");
        assertThat(check.annotations()).isEmpty();
    }

    @Test
    void annotationsStopAtTheCodeHostsLimitAndTheRestAreCounted() {
        List<Diagnostic> many = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> Diagnostic.warning(new SourcePosition(PATH, i, 1), "warning " + i, null))
                .toList();

        ManifestCheck check = ManifestCheck.of("Release manifest", PATH, many, Optional.empty(), Optional.empty());

        assertThat(check.passed()).isTrue();
        assertThat(check.annotations()).hasSize(ManifestCheck.MAX_ANNOTATIONS);
        assertThat(check.summary()).contains("10 more problems are in the build log.");
        assertThat(check.title()).isEqualTo("valid (60 warnings)");
    }
}
