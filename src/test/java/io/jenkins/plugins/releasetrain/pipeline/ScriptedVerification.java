package io.jenkins.plugins.releasetrain.pipeline;

import groovy.lang.Closure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code verify:} closure for the promoteRelease scenarios: each attempt passes, returning a line of output, or
 * throws with the message it was scripted to fail with, and every call is kept with the context it was given.
 *
 * <p>Its state lives outside the object, under its id: the CPS check serializes the whole program, this closure
 * included, at every step and goes on with the copy it reads back, which must still be this verification.
 */
public final class ScriptedVerification extends Closure<Object> {

    private static final long serialVersionUID = 1L;

    static final String OUTPUT = "smoke tests: 12 passed";

    private static final Map<String, Deque<String>> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, List<Map<String, Object>>> CALLS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    private ScriptedVerification(List<String> failures) {
        super(null);
        FAILURES.put(id, new ArrayDeque<>(failures));
        CALLS.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    /** Fails the first attempts with these messages, one each, then passes. */
    static ScriptedVerification failingWith(String... messages) {
        return new ScriptedVerification(List.of(messages));
    }

    static ScriptedVerification passing() {
        return new ScriptedVerification(List.of());
    }

    public Object doCall(Map<String, Object> context) {
        CALLS.get(id).add(new LinkedHashMap<>(context));
        String failure = FAILURES.get(id).poll();
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return OUTPUT;
    }

    /** The context of each attempt, in order. */
    List<Map<String, Object>> calls() {
        return List.copyOf(CALLS.get(id));
    }
}
