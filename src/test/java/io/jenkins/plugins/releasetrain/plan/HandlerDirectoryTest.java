package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files may run as handlers: executables inside the handlers directory, and nothing else. */
class HandlerDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void findsAnExecutableNamedAfterTheWorkflowBase() throws Exception {
        Path script = Handlers.write(dir.resolve("handlers"), "lambda-job", "true");

        HandlerDirectory handlers = HandlerDirectory.of(dir.resolve("handlers"));

        assertThat(handlers.problem("lambda-job")).isEmpty();
        assertThat(handlers.handler("lambda-job")).isEqualTo(script.toRealPath());
    }

    @Test
    void saysWhichFileToAddWhenAHandlerIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("handlers"));

        assertThat(HandlerDirectory.of(dir.resolve("handlers")).problem("api-gw-deploy"))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("no handler for workflowBase 'api-gw-deploy'")
                        .contains("add an executable " + dir.resolve("handlers/api-gw-deploy")));
    }

    @Test
    void saysHowToFixAHandlerThatIsNotExecutable() throws Exception {
        Path script = Handlers.write(dir.resolve("handlers"), "lambda-job", "true");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(HandlerDirectory.of(dir.resolve("handlers")).problem("lambda-job"))
                .hasValueSatisfying(p -> assertThat(p).contains("is not executable: chmod +x"));
    }

    @Test
    void refusesALinkThatLeadsOutOfTheHandlersDirectory() throws Exception {
        Path outside = Handlers.write(dir.resolve("elsewhere"), "evil", "true");
        Files.createDirectories(dir.resolve("handlers"));
        Files.createSymbolicLink(dir.resolve("handlers/lambda-job"), outside);

        HandlerDirectory handlers = HandlerDirectory.of(dir.resolve("handlers"));
        Path target = outside.toRealPath();

        assertThat(handlers.problem("lambda-job"))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("leads to " + target)
                        .contains("handlers must live inside the handlers directory"));
        assertThatThrownBy(() -> handlers.handler("lambda-job")).isInstanceOf(InvalidRunException.class);
    }

    @Test
    void refusesAHandlersDirectoryReachedThroughALinkOnlyWhenTheTargetLeavesIt() throws Exception {
        Path real = dir.resolve("real-handlers");
        Path shared = Handlers.write(real.resolve("shared"), "deploy-lambda", "true");
        Files.createSymbolicLink(real.resolve("lambda-job"), shared);
        Files.createSymbolicLink(dir.resolve("handlers"), real);

        assertThat(HandlerDirectory.of(dir.resolve("handlers")).problem("lambda-job"))
                .isEmpty();
    }

    @Test
    void refusesNamesThatAreNotOneFileName() throws Exception {
        Files.createDirectories(dir.resolve("handlers"));
        HandlerDirectory handlers = HandlerDirectory.of(dir.resolve("handlers"));

        assertThat(handlers.problem("..")).isPresent();
        assertThat(handlers.problem("../x"))
                .hasValueSatisfying(p -> assertThat(p).contains("one file name"));
    }

    @Test
    void refusesADirectoryAsAHandler() throws Exception {
        Files.createDirectories(dir.resolve("handlers/lambda-job"));

        assertThat(HandlerDirectory.of(dir.resolve("handlers")).problem("lambda-job"))
                .hasValueSatisfying(p -> assertThat(p).contains("not a regular file"));
    }

    @Test
    void refusesAHandlersDirectoryThatIsNotOne() {
        assertThatThrownBy(() -> HandlerDirectory.of(dir.resolve("nowhere")))
                .isInstanceOf(InvalidRunException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void shipsAnExecutableDemoHandlerForEveryWorkflowOfTheExamples() throws Exception {
        HandlerDirectory examples = HandlerDirectory.of(Fixtures.projectRoot().resolve("examples/handlers"));

        for (String workflow : Handlers.EXAMPLE_WORKFLOWS) {
            assertThat(examples.problem(workflow)).as(workflow).isEmpty();
        }
    }
}
