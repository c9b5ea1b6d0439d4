package io.jenkins.plugins.releasetrain.manifest;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns manifest bytes into a {@link YamlDocument}, refusing anything that is not plain data.
 *
 * <p>It builds the tree from SnakeYAML's parser events itself instead of using a constructor, so no YAML
 * tag can instantiate a class, every refusal (tags, duplicate keys, aliases, sizes) is reported at its
 * line and column, and each bound is checked as the input is consumed, before work can grow with it.
 */
public final class SafeYamlReader {

    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Set<String> PLAIN_TAGS =
            Set.of(YAML_TAG_PREFIX + "str", YAML_TAG_PREFIX + "map", YAML_TAG_PREFIX + "seq");
    private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");

    private final ManifestLimits limits;

    public SafeYamlReader(ManifestLimits limits) {
        this.limits = limits;
    }

    public SafeYamlReader() {
        this(ManifestLimits.DEFAULT);
    }

    /** Reads one manifest; {@code sourceName} is what messages call the file. */
    public YamlDocument read(String sourceName, byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            throw new ManifestException(Diagnostic.error(
                    SourcePosition.startOf(sourceName),
                    // Only the limit and one byte more were read: the real size is not known, only that it is too big.
                    "the file is larger than " + size(limits.maxBytes()) + ", the most a release manifest may have",
                    "split the release into one manifest per environment, or check that this is the right file"));
        }
        String text = decode(sourceName, bytes);
        return new YamlDocument(sourceName, text, new Composer(sourceName, text).root());
    }

    /** A byte count as people read it: 8 MiB, 512 KiB, 100 bytes. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static String decode(String sourceName, byte[] bytes) {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new ManifestException(Diagnostic.error(
                    SourcePosition.startOf(sourceName),
                    "the file is encoded in UTF-16; release manifests must be UTF-8",
                    "re-save the file as UTF-8 (without a byte order mark)"));
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3
                : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(Diagnostic.error(
                    positionOfByte(sourceName, bytes, start, firstInvalidByte(bytes, start)),
                    "the file is not valid UTF-8",
                    "re-save the file as UTF-8; release manifests cannot use other encodings such as Latin-1"));
        }
    }

    private static int firstInvalidByte(byte[] bytes, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        decoder.decode(in, out, true);
        return in.position();
    }

    private static SourcePosition positionOfByte(String sourceName, byte[] bytes, int start, int offset) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String prefix = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        return new SourcePosition(sourceName, line, prefix.codePointCount(0, prefix.length()) + 1);
    }

    /** One pass over the parser's events; holds the per-document state (anchors, counters). */
    private final class Composer {
        private final String sourceName;
        private final String text;
        private final Parser parser;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Map<YamlNode, Integer> expandedSizes = new java.util.IdentityHashMap<>();
        private int aliases;
        private long expandedNodes;

        Composer(String sourceName, String text) {
            this.sourceName = sourceName;
            this.text = text;
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(limits.maxBytes());
            options.setNestingDepthLimit(limits.maxDepth() + 1);
            options.setProcessComments(false);
            this.parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        }

        YamlNode root() {
            try {
                expect(Event.ID.StreamStart);
                if (parser.checkEvent(Event.ID.StreamEnd)) {
                    throw refuse(
                            parser.peekEvent().getStartMark(), "the file is empty", "start from examples/releases/");
                }
                expect(Event.ID.DocumentStart);
                YamlNode root = node(1);
                expect(Event.ID.DocumentEnd);
                if (!parser.checkEvent(Event.ID.StreamEnd)) {
                    throw refuse(
                            parser.peekEvent().getStartMark(),
                            "the file holds more than one YAML document",
                            "keep one release manifest per file; remove the '---' separator");
                }
                return root;
            } catch (MarkedYAMLException e) {
                throw syntaxError(e);
            } catch (ReaderException e) {
                throw new ManifestException(Diagnostic.error(
                        positionOfCodePoint(e.getPosition()),
                        String.format(
                                Locale.ROOT,
                                "the file contains the character U+%04X, which YAML does not allow",
                                e.getCodePoint()),
                        "remove it; a release manifest is plain text"));
            } catch (YAMLException e) {
                throw new ManifestException(Diagnostic.error(
                        SourcePosition.startOf(sourceName), "the YAML cannot be read: " + e.getMessage(), null));
            }
        }

        private YamlNode node(int depth) {
            if (depth > limits.maxDepth()) {
                throw refuse(
                        parser.peekEvent().getStartMark(),
                        "the document nests deeper than " + limits.maxDepth() + " levels",
                        "a release manifest needs four levels; check the indentation");
            }
            Event event = parser.getEvent();
            if (event instanceof AliasEvent alias) {
                return alias(alias);
            }
            NodeEvent nodeEvent = (NodeEvent) event;
            YamlNode node;
            if (event instanceof ScalarEvent scalar) {
                node = scalar(scalar);
            } else if (event.is(Event.ID.SequenceStart)) {
                node = sequence((CollectionStartEvent) event, depth);
            } else if (event.is(Event.ID.MappingStart)) {
                node = mapping((CollectionStartEvent) event, depth);
            } else {
                throw refuse(event.getStartMark(), "unexpected " + event.getEventId() + " in the document", null);
            }
            String anchor = nodeEvent.getAnchor();
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YamlNode alias(AliasEvent alias) {
            aliases++;
            if (aliases > limits.maxAliases()) {
                throw refuse(
                        alias.getStartMark(),
                        "the file uses more than " + limits.maxAliases() + " aliases (*name)",
                        "write the values out; large numbers of aliases are refused to stop 'YAML bomb' files");
            }
            YamlNode target = anchors.get(alias.getAnchor());
            if (target == null) {
                throw refuse(
                        alias.getStartMark(),
                        "the alias *" + alias.getAnchor() + " refers to no anchor defined before it",
                        "define &" + alias.getAnchor() + " earlier in the file, or write the value out");
            }
            count(alias.getStartMark(), expandedSizes.getOrDefault(target, 1));
            return target;
        }

        private YamlScalar scalar(ScalarEvent event) {
            checkTag(event.getTag(), event.getStartMark());
            String value = event.getValue();
            if (value.length() > limits.maxScalarLength()) {
                throw refuse(
                        event.getStartMark(),
                        "a value is " + value.length() + " characters long, more than the " + limits.maxScalarLength()
                                + " allowed",
                        null);
            }
            count(event.getStartMark(), 1);
            boolean isNull = event.isPlain() && NULL_WORDS.contains(value);
            return new YamlScalar(
                    value,
                    isNull,
                    style(event),
                    position(event.getStartMark()),
                    event.getStartMark().getIndex(),
                    event.getEndMark().getIndex());
        }

        private YamlSequence sequence(CollectionStartEvent start, int depth) {
            checkTag(start.getTag(), start.getStartMark());
            long before = count(start.getStartMark(), 1);
            List<YamlNode> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                checkSize(items.size(), "list");
                items.add(node(depth + 1));
            }
            parser.getEvent();
            YamlSequence sequence = new YamlSequence(items, position(start.getStartMark()));
            remember(sequence, before);
            return sequence;
        }

        private YamlMapping mapping(CollectionStartEvent start, int depth) {
            checkTag(start.getTag(), start.getStartMark());
            long before = count(start.getStartMark(), 1);
            List<YamlMapping.Entry> entries = new ArrayList<>();
            Map<String, YamlScalar> seen = new HashMap<>();
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                checkSize(entries.size(), "mapping");
                Event keyEvent = parser.peekEvent();
                YamlNode keyNode = node(depth + 1);
                if (!(keyNode instanceof YamlScalar key)) {
                    throw refuse(
                            keyEvent.getStartMark(),
                            "a key is " + keyNode.kind() + "; keys must be plain names",
                            "write keys as simple words such as 'name:'");
                }
                YamlScalar first = seen.putIfAbsent(key.value(), key);
                if (first != null) {
                    throw refuse(
                            keyEvent.getStartMark(),
                            "the key '" + key.value() + "' appears twice in the same mapping (first at line "
                                    + first.position().line() + ")",
                            "remove one of them; YAML would silently keep only the last");
                }
                entries.add(new YamlMapping.Entry(key, node(depth + 1)));
            }
            parser.getEvent();
            YamlMapping mapping = new YamlMapping(entries, position(start.getStartMark()));
            remember(mapping, before);
            return mapping;
        }

        private void remember(YamlNode node, long countBefore) {
            long size = expandedNodes - countBefore + 1;
            expandedSizes.put(node, (int) Math.min(Integer.MAX_VALUE, size));
        }

        private long count(Mark mark, int nodes) {
            long before = expandedNodes;
            expandedNodes += nodes;
            if (expandedNodes > limits.maxNodes()) {
                throw refuse(
                        mark,
                        "the document expands to more than " + limits.maxNodes() + " values",
                        "a release manifest this large is almost certainly an alias bomb or the wrong file");
            }
            return before;
        }

        private void checkSize(int size, String what) {
            if (size >= limits.maxCollectionSize()) {
                throw refuse(
                        parser.peekEvent().getStartMark(),
                        "a " + what + " has more than " + limits.maxCollectionSize() + " entries",
                        "split the release into several manifests");
            }
        }

        private void checkTag(String tag, Mark mark) {
            if (tag == null || PLAIN_TAGS.contains(tag)) {
                return;
            }
            throw refuse(
                    mark,
                    "the YAML tag " + shortTag(tag) + " is not allowed in a release manifest",
                    "remove the tag; manifests hold plain text, lists and mappings only");
        }

        private String shortTag(String tag) {
            return tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : tag;
        }

        private void expect(Event.ID id) {
            Event event = parser.getEvent();
            if (!event.is(id)) {
                throw refuse(event.getStartMark(), "unexpected " + event.getEventId() + " in the document", null);
            }
        }

        private ManifestException syntaxError(MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String hint = problem.contains("\\t") || problem.contains("'\t'")
                    ? "indent with spaces; YAML does not allow tabs"
                    : problem.toLowerCase(Locale.ROOT).contains("nesting depth")
                            ? "a release manifest needs four levels; check the indentation"
                            : "check the indentation and the ':' after each key on this line and the one above";
            SourcePosition position = mark == null ? SourcePosition.startOf(sourceName) : position(mark);
            if (problem.contains("\\t") || problem.contains("'\t'") || problem.contains("(TAB)")) {
                // The parser's own words name an escape sequence; people need to hear what to change.
                return new ManifestException(Diagnostic.error(
                        position, "a tab is used for indentation here; YAML does not allow tabs", hint));
            }
            return new ManifestException(Diagnostic.error(position, "YAML syntax: " + problem.strip(), hint));
        }

        private ManifestException refuse(Mark mark, String message, String hint) {
            return new ManifestException(Diagnostic.error(position(mark), message, hint));
        }

        private SourcePosition positionOfCodePoint(int codePointIndex) {
            int end = text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new SourcePosition(sourceName, line, text.codePointCount(lineStart, end) + 1);
        }

        private SourcePosition position(Mark mark) {
            return new SourcePosition(sourceName, mark.getLine() + 1, mark.getColumn() + 1);
        }

        private YamlScalar.Style style(ScalarEvent event) {
            if (event.isSQuoted()) {
                return YamlScalar.Style.SINGLE_QUOTED;
            } else if (event.isDQuoted()) {
                return YamlScalar.Style.DOUBLE_QUOTED;
            } else if (event.isLiteral()) {
                return YamlScalar.Style.LITERAL;
            } else if (event.isFolded()) {
                return YamlScalar.Style.FOLDED;
            }
            return YamlScalar.Style.PLAIN;
        }
    }
}
