package io.jenkins.plugins.releasetrain.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mistakes in the plugin's Jelly views that only a rendered page shows, so Jenkins would find them in front of
 * a user. Stapler reads {@code ${%text(args)}} in a Jelly view as the message {@code text} with JEXL arguments, so a
 * label such as {@code ${%Approvers (user ids)}} does not show "Approvers (user ids)": it fails to parse
 * ("Unable to create expression: user ids") and breaks the whole page that includes it, or, when the words
 * happen to parse ({@code ${%End (excluded)}}), silently shows "End ". Jenkins only finds out when the page is
 * rendered, so this checks every view of the plugin at build time, splitting arguments as Stapler does.
 */
class JellyViewsTest {

    private static final Path VIEWS = Fixtures.projectRoot().resolve("src/main/resources");

    /** What a message argument in our views may be: a property path from a variable Jelly pages get. */
    private static final Pattern ARGUMENT = Pattern.compile(
            "(it|app|instance|descriptor|rootURL|resURL)(\\.[A-Za-z_][A-Za-z0-9_]*(\\((('[^']*'|[A-Za-z0-9_.]+)(,\\s*)?)*\\))?)*");

    private static final Set<String> VARIABLES = Set.of("it", "app", "instance", "descriptor", "rootURL", "resURL");

    @Test
    void everyLocalizedTextWithParenthesesIsAMessageWithRealArguments() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> views = jellyViews();
        assertThat(views).as("the plugin's Jelly views").hasSizeGreaterThan(20);
        int messagesWithArguments = 0;
        for (Path view : views) {
            String text = Files.readString(view, StandardCharsets.UTF_8);
            for (String expression : localizedExpressions(text)) {
                int open = expression.indexOf('(');
                if (open < 0) {
                    continue;
                }
                messagesWithArguments++;
                String key = expression.substring(0, open);
                String where = VIEWS.relativize(view) + ": ${%" + expression + "}";
                if (!messageKeys(view).contains(key)) {
                    problems.add(where + " is read as the message '" + key
                            + "' with arguments, and no such message is in "
                            + propertiesOf(view).getFileName()
                            + "; a label must not contain parentheses");
                }
                for (String argument : arguments(expression.substring(open + 1))) {
                    if (!ARGUMENT.matcher(argument.strip()).matches()) {
                        problems.add(where + " has the argument '" + argument.strip()
                                + "', which is not a property of one of " + VARIABLES);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(messagesWithArguments).as("messages with arguments checked").isPositive();
    }

    /**
     * {@code <st:include class="...">} and {@code <j:invokeStatic className="...">} load the class named by
     * the request thread's context class loader, which on a top-level page such as {@code /release-board/} is
     * the web application's and cannot see the plugin's classes (HTTP 500). Views get what they need from
     * {@code it} instead.
     */
    @Test
    void noViewNamesAClassOfThePluginByString() throws IOException {
        Pattern byName =
                Pattern.compile("(?:class|className|clazz)\\s*=\\s*\"io\\.jenkins\\.plugins\\.releasetrain[^\"]*\"");
        List<String> problems = new ArrayList<>();
        for (Path view : jellyViews()) {
            var matcher = byName.matcher(Files.readString(view, StandardCharsets.UTF_8));
            while (matcher.find()) {
                problems.add(VIEWS.relativize(view) + ": " + matcher.group());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(byName.matcher(
                                "<st:include page=\"board.jelly\" class=\"io.jenkins.plugins.releasetrain.jenkins.X\"/>")
                        .find())
                .isTrue();
    }

    @Test
    void refusesTheLabelsThatBrokeTheSystemConfigurationPage() {
        assertThat(arguments("user ids)")).containsExactly("user ids");
        assertThat(ARGUMENT.matcher("user ids").matches()).isFalse();
        assertThat(ARGUMENT.matcher("excluded").matches()).isFalse();
        assertThat(ARGUMENT.matcher("it.count('failed')").matches()).isTrue();
        assertThat(localizedExpressions("<a title=\"${%End (excluded)}\">${%Plain}</a>"))
                .containsExactly("End (excluded)", "Plain");
    }

    private static List<Path> jellyViews() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    /** The text after {@code ${%} up to its closing brace, for each localized expression. */
    static List<String> localizedExpressions(String text) {
        List<String> found = new ArrayList<>();
        int from = 0;
        while ((from = text.indexOf("${%", from)) >= 0) {
            int depth = 0;
            int end = from + 3;
            while (end < text.length() && (text.charAt(end) != '}' || depth > 0)) {
                char c = text.charAt(end);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                end++;
            }
            found.add(text.substring(from + 3, end));
            from = end;
        }
        return found;
    }

    /** Splits {@code "a, b(c, d))"} into its arguments, at top-level commas, as Stapler's tokenizer does. */
    static List<String> arguments(String text) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? text.length() : close;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ',') && depth == 0) {
                arguments.add(text.substring(start, i));
                if (c == ')') {
                    return arguments;
                }
                start = i + 1;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        arguments.add(text.substring(start));
        return arguments;
    }

    private static Path propertiesOf(Path view) {
        String name = view.getFileName().toString();
        return view.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
    }

    private static Set<String> messageKeys(Path view) throws IOException {
        Path file = propertiesOf(view);
        if (!Files.exists(file)) {
            return Set.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.stringPropertyNames();
    }
}
