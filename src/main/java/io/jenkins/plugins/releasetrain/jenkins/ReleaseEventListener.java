package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears what happens to releases, on the controller: awaiting approval, frozen, approved, rejected, started,
 * succeeded, failed, verification failed. Implement it with {@code @Extension} to send the events elsewhere.
 *
 * <p>Events come from the plugin's own steps ({@code releaseApproval}, {@code recordApproval}, {@code
 * recordRelease}) once they have judged or recorded what the event says, never from Pipeline code: the environment
 * and release are those the step read and checked, in an environment the build's job may release into. A listener
 * runs on the step's thread, so it should queue slow work; one that throws is logged and the step goes on.
 */
public abstract class ReleaseEventListener implements ExtensionPoint {

    private static final Logger LOGGER = Logger.getLogger(ReleaseEventListener.class.getName());

    /**
     * @param event what happened, with the build's link when Jenkins' root URL is configured
     * @param run the build whose step recorded it
     */
    public abstract void onEvent(@NonNull ReleaseEvent event, @NonNull Run<?, ?> run);

    /** Tells every listener; a listener that fails is logged, and neither stops the others nor the step. */
    static void fire(ReleaseEvent event, Run<?, ?> run, TaskListener listener) {
        for (ReleaseEventListener each : ExtensionList.lookup(ReleaseEventListener.class)) {
            try {
                each.onEvent(event, run);
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(
                        Level.WARNING,
                        "Release event listener " + each.getClass().getName() + " failed on "
                                + event.type().label(),
                        e);
                listener.getLogger()
                        .println(Messages.ReleaseEventListener_Failed(
                                each.getClass().getName(), event.type().label()));
            }
        }
    }
}
