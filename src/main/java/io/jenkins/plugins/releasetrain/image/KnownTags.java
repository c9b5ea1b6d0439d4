package io.jenkins.plugins.releasetrain.image;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend learned about many tags at once ({@link ImageRegistry#lookup}), so that the promotion
 * asks the registry again only about tags this does not cover.
 */
public record KnownTags(Map<ImageRef, TagState> states) {

    public KnownTags {
        states = Map.copyOf(states);
    }

    public static KnownTags none() {
        return new KnownTags(Map.of());
    }

    public Optional<TagState> get(ImageRef ref) {
        return Optional.ofNullable(states.get(ref));
    }

    /** This and {@code other}; where both know a tag, {@code other} wins. */
    public KnownTags with(KnownTags other) {
        Map<ImageRef, TagState> merged = new HashMap<>(states);
        merged.putAll(other.states);
        return new KnownTags(merged);
    }
}
