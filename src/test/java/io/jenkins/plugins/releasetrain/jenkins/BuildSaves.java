package io.jenkins.plugins.releasetrain.jenkins;

import hudson.XmlFile;
import hudson.model.Run;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Hears every save of a build, so that a test waits for what the build records (an input step saves the build
 * when it starts waiting) rather than sleeping. Each test class registers its own subclass as a
 * {@code @TestExtension}.
 */
abstract class BuildSaves extends SaveableListener {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final BlockingQueue<Saveable> saved = new LinkedBlockingQueue<>();

    @Override
    public void onChange(Saveable o, XmlFile file) {
        if (o instanceof Run) {
            saved.offer(o);
        }
    }

    /** The input {@code id} that {@code run} waits on, once it does; fails if the build ends or takes too long. */
    InputStepExecution awaitInput(WorkflowRun run, String id) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            InputAction action = run.getAction(InputAction.class);
            InputStepExecution execution = action == null ? null : action.getExecution(id);
            if (execution != null) {
                return execution;
            }
            long left = deadline - System.nanoTime();
            if (!run.isBuilding() || left <= 0 || saved.poll(left, TimeUnit.NANOSECONDS) == null) {
                throw new AssertionError(
                        run + " is not waiting for the input " + id + "; its log:\n" + JenkinsRule.getLog(run));
            }
        }
    }
}
