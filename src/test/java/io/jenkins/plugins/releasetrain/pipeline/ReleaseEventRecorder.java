package io.jenkins.plugins.releasetrain.pipeline;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code onEvent:} closure for the promoteRelease scenarios: keeps every event it is called with, and throws on
 * the event types it was told to, as a Jenkinsfile's {@code slackSend} might when Slack is down.
 *
 * <p>Its state lives outside the object, under its id: the CPS check serializes the whole program, this closure
 * included, and goes on with the copy it reads back.
 */
public final class ReleaseEventRecorder extends Closure<Object> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Map<String, Object>>> EVENTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final List<String> failOn;

    private ReleaseEventRecorder(List<String> failOn) {
        super(null);
        this.failOn = List.copyOf(failOn);
        EVENTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    static ReleaseEventRecorder recording() {
        return new ReleaseEventRecorder(List.of());
    }

    /** Records, then throws on each event of these types. */
    static ReleaseEventRecorder throwingOn(String... types) {
        return new ReleaseEventRecorder(List.of(types));
    }

    public Object doCall(Map<String, Object> event) {
        EVENTS.get(id).add(new LinkedHashMap<>(event));
        if (failOn.contains(String.valueOf(event.get("type")))) {
            throw new IllegalStateException("slack is down");
        }
        return null;
    }

    List<Map<String, Object>> events() {
        return List.copyOf(EVENTS.get(id));
    }

    List<Object> types() {
        return events().stream().map(e -> e.get("type")).toList();
    }
}
