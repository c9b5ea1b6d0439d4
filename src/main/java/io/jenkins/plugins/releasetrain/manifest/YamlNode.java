package io.jenkins.plugins.releasetrain.manifest;

/**
 * A node of a manifest's YAML tree that remembers where it was written. The tree is our own, not
 * SnakeYAML's, so that nothing downstream can construct arbitrary objects from it and every value keeps
 * its line, column and source offsets (gitops splices new values into the original text by offset).
 */
public sealed interface YamlNode permits YamlMapping, YamlSequence, YamlScalar {

    SourcePosition position();

    /** What the node is, for messages: "a mapping", "a list", "a text value". */
    String kind();
}
