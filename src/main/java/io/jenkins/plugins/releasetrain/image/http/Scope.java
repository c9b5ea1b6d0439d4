package io.jenkins.plugins.releasetrain.image.http;

import java.util.List;
import java.util.TreeSet;

/**
 * The token scopes a request needs, e.g. {@code repository:product1/app:pull,push}. Tokens are cached per
 * scope, so every request on the same repository with the same actions reuses one token.
 */
public record Scope(List<String> entries) {

    public Scope {
        entries = List.copyOf(new TreeSet<>(entries));
    }

    public static Scope pull(String repository) {
        return new Scope(List.of("repository:" + repository + ":pull"));
    }

    public static Scope push(String repository) {
        return new Scope(List.of("repository:" + repository + ":pull,push"));
    }

    /** Mounting reads {@code from} and writes {@code into}; the token must grant both. */
    public static Scope mount(String into, String from) {
        return new Scope(List.of("repository:" + into + ":pull,push", "repository:" + from + ":pull"));
    }

    public static Scope none() {
        return new Scope(List.of());
    }

    public String key() {
        return String.join(" ", entries);
    }
}
