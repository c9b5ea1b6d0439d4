package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears every event the steps tell, in order, as another plugin's listener would. Each test class registers its own
 * subclass as a {@code @TestExtension}.
 */
abstract class HeardEvents extends ReleaseEventListener {

    final List<ReleaseEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(@NonNull ReleaseEvent event, @NonNull Run<?, ?> run) {
        events.add(event);
    }

    List<EventType> types() {
        return events.stream().map(ReleaseEvent::type).toList();
    }
}
