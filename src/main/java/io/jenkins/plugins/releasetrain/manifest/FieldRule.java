package io.jenkins.plugins.releasetrain.manifest;

import java.util.Optional;

/** A check of one field's text, independent of the rest of the manifest. */
@FunctionalInterface
public interface FieldRule {

    Optional<Problem> check(String value);
}
