package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.PushRejectedException;
import io.jenkins.plugins.releasetrain.gitops.RepositoryAccessException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * A command that works on a git repository: the repository options, and git problems turned into a
 * message with its hint and an exit code (1 when the repository or the remote failed, 2 when the input
 * was wrong).
 */
abstract class GitCommand extends CliCommand {

    @Mixin
    GitRepositoryOptions repository;

    protected abstract int runGit(Terminal terminal) throws Exception;

    @Override
    protected final int run(Terminal terminal) throws Exception {
        try {
            return runGit(terminal);
        } catch (GitOpsException e) {
            if (json()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("ok", false);
                document.put("error", e.getMessage());
                document.put("hint", e.hint());
                printJson(terminal, document);
            } else {
                terminal.err().println(terminal.red("release-train: " + e.getMessage()));
                if (e.hint() != null) {
                    terminal.err().println("  hint: " + e.hint());
                }
            }
            return exitCode(e);
        }
    }

    static int exitCode(GitOpsException e) {
        boolean failedWork = e instanceof RepositoryAccessException || e instanceof PushRejectedException;
        return failedWork ? ExitCode.FAILED : ExitCode.INVALID;
    }
}
