package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import java.util.function.Supplier;

/** The one action of a kind a build keeps, added by whichever step needs it first. */
final class RunActions {

    private RunActions() {}

    static <T extends Action> T getOrAdd(Run<?, ?> run, Class<T> type, Supplier<T> create) {
        // The build's lock: parallel branches may ask at once, and there must be one action of the kind.
        synchronized (run) {
            T action = run.getAction(type);
            if (action == null) {
                action = create.get();
                run.addAction(action);
            }
            return action;
        }
    }
}
