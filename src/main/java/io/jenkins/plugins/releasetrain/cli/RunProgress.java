package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.LockHolder;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.plan.Durations;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** A run's progress as text: the header, then one line per artifact that ran, as it ends. */
final class RunProgress implements RunListener {

    private final Terminal terminal;
    private final String source;
    private final Duration lockWait;
    private final Set<String> running = new HashSet<>();
    private int done;

    /** @param source what the run is, after its release id in the header ({@code from FILE}) */
    RunProgress(Terminal terminal, String source, Duration lockWait) {
        this.terminal = terminal;
        this.source = source;
        this.lockWait = lockWait;
    }

    @Override
    public void waitingForLock(EnvironmentLockedException locked) {
        terminal.err()
                .println(terminal.yellow("waiting up to " + Durations.format(lockWait) + ": " + locked.getMessage()));
    }

    @Override
    public void staleLockReplaced(LockHolder stale) {
        terminal.err()
                .println(terminal.yellow("warning: the lock's previous holder, " + stale.describe()
                        + ", died without releasing it; its run may be incomplete (release-train history)"));
    }

    @Override
    public void started(RunId runId, RunPreview preview) {
        preview.runnable().forEach(step -> running.add(step.artifact().id()));
        RunOutput.header(terminal, preview, runId, source);
    }

    @Override
    public void recorded(ArtifactResult result) {
        if (running.contains(result.artifactId())) {
            done++;
            terminal.out()
                    .println("[" + done + "/" + running.size() + "] " + RunOutput.status(terminal, result.status())
                            + "  " + result.artifactId() + "  " + Durations.format(result.duration()) + "  "
                            + result.message());
        }
    }
}
