package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"releases/staging-us-east-2.yaml", "./releases/x.yaml", "x.yaml", "a..b/x.yaml"})
    void acceptsPathsInsideTheWorkspace(String path) {
        assertThat(WorkspacePath.problem(path)).isEmpty();
        assertThat(WorkspacePath.check(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\x.yaml", "C:\\releases\\x.yaml", "c:x.yaml"})
    void refusesAbsolutePaths(String path) {
        assertThat(WorkspacePath.problem(path)).get().asString().contains("is absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.yaml", "releases/../../x.yaml", "releases\\..\\..\\x.yaml", ".."})
    void refusesPathsThatLeaveTheWorkspace(String path) {
        assertThat(WorkspacePath.problem(path)).get().asString().contains("leaves the workspace");
        assertThatThrownBy(() -> WorkspacePath.check(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBlankAndControlCharacters() {
        assertThat(WorkspacePath.problem("")).isPresent();
        assertThat(WorkspacePath.problem(null)).isPresent();
        assertThat(WorkspacePath.problem("releases/x.yaml\n")).get().asString().contains("\\u000a");
    }
}
