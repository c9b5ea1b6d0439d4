package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.SourcePosition;
import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import io.jenkins.plugins.releasetrain.manifest.YamlDocument;
import io.jenkins.plugins.releasetrain.manifest.YamlMapping;
import io.jenkins.plugins.releasetrain.manifest.YamlNode;
import io.jenkins.plugins.releasetrain.manifest.YamlScalar;
import io.jenkins.plugins.releasetrain.manifest.YamlSequence;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Maps one policy document onto {@link ProtectionPolicy}, reporting every problem at its position. */
final class PolicyReader {

    private static final List<String> TOP_KEYS = List.of("rules", "notifications");
    private static final List<String> NOTIFICATION_KEYS = List.of("webhooks");
    private static final List<String> WEBHOOK_KEYS =
            List.of("url", "format", "secretEnv", "secretFile", "events", "timeout", "attempts");
    private static final List<String> RULE_KEYS = List.of(
            "name",
            "environments",
            "approvers",
            "requiredApprovals",
            "allowAuthorApproval",
            "allowTriggeringUserApproval",
            "allowAdminBypass",
            "approvalExpiry",
            "requires",
            "freezeWindows",
            "emergencyOverride",
            "allowUnknownAuthors",
            "requireVerified",
            "bakeTime",
            "rollback",
            "onVerificationFailure",
            "approvalGroups",
            "hotfix");
    private static final List<String> GROUP_KEYS = List.of("name", "approvers", "requiredApprovals");
    private static final List<String> ROLLBACK_KEYS = List.of("requiredApprovals");
    private static final List<String> APPROVER_KEYS = List.of("users", "groups");
    private static final List<String> WINDOW_KEYS = List.of("name", "start", "end", "timeZone");
    private static final List<String> OVERRIDE_KEYS = List.of("approvers", "requiredApprovals");
    private static final Pattern COUNT = Pattern.compile("\\d{1,3}");

    private final String sourceName;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    PolicyReader(String sourceName) {
        this.sourceName = sourceName;
    }

    LoadedPolicy read(YamlDocument document) {
        List<ProtectionRule> rules = new ArrayList<>();
        List<YamlMapping> ruleNodes = new ArrayList<>();
        List<Webhook> webhooks = new ArrayList<>();
        if (!(document.root() instanceof YamlMapping root)) {
            error(
                    document.root().position(),
                    "a policy file is a mapping with 'rules:', not "
                            + document.root().kind(),
                    "start the file with 'rules:' and list one rule per group of environments");
        } else {
            Section top = new Section(root, "the policy", TOP_KEYS);
            List<YamlMapping> items = top.mappings("rules", "rule");
            if (top.node("rules").isEmpty()) {
                error(
                        root.position(),
                        "the policy has no 'rules'",
                        "add 'rules:' with one item per protected environment group");
            } else if (items.isEmpty() && diagnostics.isEmpty()) {
                warning(
                        top.node("rules").get().position(),
                        "the policy has no rules: every environment is unprotected",
                        null);
            }
            top.mapping("notifications")
                    .ifPresent(notifications -> new Section(notifications, "notifications", NOTIFICATION_KEYS)
                            .mappings("webhooks", "webhook")
                            .forEach(hook -> readWebhook(hook).ifPresent(webhooks::add)));
            for (YamlMapping item : items) {
                readRule(item).ifPresent(rule -> {
                    rules.add(rule);
                    ruleNodes.add(item);
                });
            }
        }
        ProtectionPolicy policy = null;
        if (!hasErrors()) {
            try {
                policy = new ProtectionPolicy(rules);
            } catch (RuleViolation e) {
                int second = secondWithSameName(rules);
                error(position(ruleNodes.get(second), "name"), e.getMessage(), e.hint());
            }
        }
        if (policy != null) {
            warnAboutHiddenRules(rules, ruleNodes);
        }
        List<Diagnostic> sorted = diagnostics.stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                        .thenComparingInt(d -> d.position().column()))
                .toList();
        if (hasErrors()) {
            throw new PolicyException(sorted);
        }
        return new LoadedPolicy(sourceName, policy, sorted, webhooks);
    }

    private Optional<ProtectionRule> readRule(YamlMapping node) {
        Section rule = new Section(node, "a rule", RULE_KEYS);
        int errorsBefore = errorCount();
        List<EnvironmentPattern> environments = rule.list("environments", true, EnvironmentPattern::of);
        Optional<String> name = rule.text("name", false);
        String ruleName = name.orElse(
                environments.isEmpty()
                        ? "rule at line " + node.position().line()
                        : String.join(
                                ", ",
                                environments.stream()
                                        .map(EnvironmentPattern::glob)
                                        .toList()));
        Approvers approvers = rule.mapping("approvers").map(this::readApprovers).orElse(Approvers.none());
        int required = rule.count("requiredApprovals").orElse(0);
        boolean allowAuthor = rule.bool("allowAuthorApproval");
        boolean allowTriggering = rule.bool("allowTriggeringUserApproval");
        boolean allowBypass = rule.bool("allowAdminBypass");
        boolean allowUnknownAuthors = rule.bool("allowUnknownAuthors");
        Optional<Duration> expiry = rule.parsed("approvalExpiry", Durations::parse);
        boolean requireVerified = rule.bool("requireVerified");
        Optional<Duration> bakeTime = rule.parsed("bakeTime", Durations::parse);
        List<EnvironmentPattern> requires = rule.list("requires", false, EnvironmentPattern::of);
        List<FreezeWindow> windows = new ArrayList<>();
        for (YamlMapping window : rule.mappings("freezeWindows", "freeze window")) {
            readWindow(window).ifPresent(windows::add);
        }
        Optional<EmergencyOverride> override = rule.mapping("emergencyOverride").flatMap(this::readOverride);
        Optional<Integer> rollbackApprovals = rule.mapping("rollback")
                .flatMap(r -> new Section(r, "rollback", ROLLBACK_KEYS).count("requiredApprovals"));
        RollbackRule.VerificationFailure onFailure = rule.text("onVerificationFailure", false)
                .map(text -> RollbackRule.VerificationFailure.of(text).orElseGet(() -> {
                    error(
                            rule.valuePosition("onVerificationFailure"),
                            "onVerificationFailure must be stop or rollback, not '" + text + "'",
                            "stop leaves a release that failed verification live; rollback goes back to the"
                                    + " release before it");
                    return RollbackRule.VerificationFailure.STOP;
                }))
                .orElse(RollbackRule.VerificationFailure.STOP);
        Optional<HotfixLane> hotfix = rule.mapping("hotfix").flatMap(this::readHotfix);
        List<ApprovalGroup> groups = new ArrayList<>();
        for (YamlMapping group : rule.mappings("approvalGroups", "approval group")) {
            readGroup(group).ifPresent(groups::add);
        }
        if (rule.node("approvalGroups").isPresent()
                && (rule.node("approvers").isPresent()
                        || rule.node("requiredApprovals").isPresent())) {
            error(
                    position(node, "approvalGroups"),
                    "rule '" + ruleName + "' gives approvalGroups and approvers or requiredApprovals",
                    "with approvalGroups, each group names its approvers and how many; remove the rule's own");
        }
        if (errorCount() > errorsBefore) {
            return Optional.empty();
        }
        if (override.isPresent() && windows.isEmpty()) {
            warning(
                    position(node, "emergencyOverride"),
                    "emergencyOverride has no effect: rule '" + ruleName + "' has no freeze windows",
                    "add freezeWindows, or remove emergencyOverride");
        }
        try {
            return Optional.of(new ProtectionRule(
                    ruleName,
                    environments,
                    groups.isEmpty() ? approvers : ApprovalGroup.union(groups),
                    groups.isEmpty() ? required : ApprovalGroup.total(groups),
                    allowAuthor,
                    allowTriggering,
                    allowBypass,
                    expiry,
                    requires,
                    windows,
                    override,
                    allowUnknownAuthors,
                    new VerifiedUpstream(requireVerified, bakeTime),
                    new RollbackRule(rollbackApprovals, onFailure),
                    groups,
                    hotfix));
        } catch (RuleViolation e) {
            error(position(node, e.field()), e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private Optional<ApprovalGroup> readGroup(YamlMapping node) {
        Section group = new Section(node, "an approval group", GROUP_KEYS);
        int errorsBefore = errorCount();
        Optional<String> name = group.text("name", true);
        Approvers approvers =
                group.mapping("approvers").map(this::readApprovers).orElse(Approvers.none());
        int required = group.count("requiredApprovals").orElse(1);
        if (errorCount() > errorsBefore || name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ApprovalGroup(name.get(), approvers, required));
        } catch (RuleViolation e) {
            String key = e.field().substring(e.field().indexOf('.') + 1);
            error(position(node, key), e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private Optional<Webhook> readWebhook(YamlMapping node) {
        Section hook = new Section(node, "a webhook", WEBHOOK_KEYS);
        int errorsBefore = errorCount();
        Optional<URI> url = hook.text("url", true).flatMap(text -> {
            try {
                return Optional.of(new URI(text));
            } catch (URISyntaxException e) {
                error(hook.valuePosition("url"), "url: '" + Wording.printable(text) + "' is not a URL", null);
                return Optional.empty();
            }
        });
        Webhook.Format format = hook.text("format", false)
                .map(text -> Webhook.Format.of(text).orElseGet(() -> {
                    error(
                            hook.valuePosition("format"),
                            "format must be cloudevents or slack, not '" + Wording.printable(text) + "'",
                            "cloudevents sends a CloudEvents 1.0 event; slack a message for an incoming webhook");
                    return Webhook.Format.CLOUDEVENTS;
                }))
                .orElse(Webhook.Format.CLOUDEVENTS);
        Set<EventType> events = new LinkedHashSet<>(hook.list(
                "events",
                false,
                text -> EventType.of(text)
                        .orElseThrow(() -> new IllegalArgumentException("'" + Wording.printable(text)
                                + "' is not an event; events are "
                                + String.join(
                                        ", ",
                                        Arrays.stream(EventType.values())
                                                .map(EventType::label)
                                                .toList())))));
        Duration timeout = hook.parsed("timeout", Durations::parse).orElse(Webhook.DEFAULT_TIMEOUT);
        int attempts = hook.count("attempts").orElse(Webhook.DEFAULT_ATTEMPTS);
        if (attempts < 1 || attempts > Webhook.MAX_ATTEMPTS) {
            error(
                    hook.valuePosition("attempts"),
                    "attempts must be 1 to " + Webhook.MAX_ATTEMPTS + ", not " + attempts,
                    "each attempt after the first waits longer; a few are enough");
        }
        Optional<String> secretEnv = hook.text("secretEnv", false);
        Optional<Path> secretFile = hook.text("secretFile", false).map(Path::of);
        if (errorCount() > errorsBefore || url.isEmpty()) {
            return Optional.empty();
        }
        try {
            Webhook webhook = new Webhook(url.get(), format, secretEnv, secretFile, events, timeout, attempts);
            if (!webhook.signed()) {
                warning(
                        node.position(),
                        "the webhook to " + webhook.display() + " is not signed: its receiver cannot tell our events"
                                + " from forged ones",
                        "add secretEnv: NAME or secretFile: PATH with a shared secret");
            }
            return Optional.of(webhook);
        } catch (IllegalArgumentException e) {
            error(node.position(), e.getMessage(), null);
            return Optional.empty();
        }
    }

    private Approvers readApprovers(YamlMapping node) {
        Section section = new Section(node, "approvers", APPROVER_KEYS);
        List<String> users = section.list("users", false, Function.identity());
        List<String> groups = section.list("groups", false, Function.identity());
        return new Approvers(users, groups);
    }

    private Optional<EmergencyOverride> readOverride(YamlMapping node) {
        return readQuorum(node, "emergencyOverride", EmergencyOverride::new);
    }

    private Optional<HotfixLane> readHotfix(YamlMapping node) {
        return readQuorum(node, "hotfix", HotfixLane::new);
    }

    /** A section of {@code approvers} and {@code requiredApprovals} (default 1), such as an emergency override. */
    private <T> Optional<T> readQuorum(YamlMapping node, String what, BiFunction<Approvers, Integer, T> make) {
        Section section = new Section(node, what, OVERRIDE_KEYS);
        int errorsBefore = errorCount();
        Approvers approvers =
                section.mapping("approvers").map(this::readApprovers).orElse(Approvers.none());
        int required = section.count("requiredApprovals").orElse(1);
        if (errorCount() > errorsBefore) {
            return Optional.empty();
        }
        try {
            return Optional.of(make.apply(approvers, required));
        } catch (RuleViolation e) {
            String key = e.field().substring(e.field().indexOf('.') + 1);
            error(position(node, key), e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private Optional<FreezeWindow> readWindow(YamlMapping node) {
        Section section = new Section(node, "a freeze window", WINDOW_KEYS);
        int errorsBefore = errorCount();
        Optional<String> name = section.text("name", true);
        Optional<ZoneId> zone = section.text("timeZone", true).flatMap(z -> zone(section, z));
        Optional<String> start = section.text("start", true);
        Optional<String> end = section.text("end", true);
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        boolean weekly = startsWithLetter(start.get());
        if (weekly != startsWithLetter(end.get())) {
            error(
                    section.valuePosition("end"),
                    "start and end of the freeze window '" + name.orElse("") + "' must both be days of the week (a"
                            + " weekly window) or both dates (a one-off window)",
                    "write e.g. start: Friday 18:00 and end: Monday 08:00, or start: 2026-12-19 and end: 2027-01-04");
            return Optional.empty();
        }
        // Both ends are parsed even when the name or the zone failed, so one pass reports every mistake.
        return weekly
                ? window(section, errorsBefore, name, zone, WeeklyTime::parse, WeeklyFreeze::new)
                : window(section, errorsBefore, name, zone, PolicyReader::dateTime, DateRangeFreeze::new);
    }

    /** How a window of one kind is made from its name, ends and zone. */
    private interface WindowFactory<T> {
        FreezeWindow create(String name, T start, T end, ZoneId zone);
    }

    private <T> Optional<FreezeWindow> window(
            Section section,
            int errorsBefore,
            Optional<String> name,
            Optional<ZoneId> zone,
            Function<String, T> parser,
            WindowFactory<T> factory) {
        Optional<T> from = section.parsed("start", parser);
        Optional<T> until = section.parsed("end", parser);
        if (errorCount() > errorsBefore || name.isEmpty() || zone.isEmpty() || from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(factory.create(name.get(), from.get(), until.get(), zone.get()));
        } catch (RuleViolation e) {
            error(section.valuePosition("end"), e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private Optional<ZoneId> zone(Section section, String text) {
        SourcePosition at = section.valuePosition("timeZone");
        try {
            ZoneId zone = ZoneId.of(text.strip());
            if (zone instanceof ZoneOffset) {
                warning(
                        at,
                        "the time zone '" + text + "' is a fixed offset, which ignores daylight saving time",
                        "name a region, such as Europe/Berlin or America/New_York");
            }
            return Optional.of(zone);
        } catch (DateTimeException e) {
            error(
                    at,
                    "'" + text + "' is not a time zone",
                    Suggestions.closest(text, ZoneId.getAvailableZoneIds())
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse(
                                    "use a region name from the tz database, such as Europe/Berlin or America/New_York"));
            return Optional.empty();
        }
    }

    /** A weekly window names days ("Friday 18:00"); a one-off window gives dates ("2026-12-19"). */
    static boolean startsWithLetter(String text) {
        String value = text.strip();
        return !value.isEmpty() && Character.isLetter(value.charAt(0));
    }

    /** {@code 2026-12-19} (midnight starting that day), {@code 2026-12-19T18:00} or {@code 2026-12-19 18:00}. */
    static LocalDateTime dateTime(String text) {
        String value = text.strip().replace(' ', 'T');
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay() : LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a date such as 2026-12-19 or a date and time such as 2026-12-19 18:00", e);
        }
    }

    private void warnAboutHiddenRules(List<ProtectionRule> rules, List<YamlMapping> nodes) {
        for (int later = 1; later < rules.size(); later++) {
            ProtectionRule rule = rules.get(later);
            List<String> hiders = new ArrayList<>();
            boolean hidden = true;
            for (EnvironmentPattern pattern : rule.environments()) {
                Optional<ProtectionRule> hider = rules.subList(0, later).stream()
                        .filter(earlier -> earlier.environments().stream().anyMatch(pattern::isCoveredBy))
                        .findFirst();
                hidden &= hider.isPresent();
                hider.map(ProtectionRule::name).filter(n -> !hiders.contains(n)).ifPresent(hiders::add);
            }
            if (hidden) {
                warning(
                        position(nodes.get(later), "environments"),
                        "rule '" + rule.name() + "' never applies: every environment it names is matched first by"
                                + " rule "
                                + Wording.both(
                                        hiders.stream().map(n -> "'" + n + "'").toList())
                                + " above it",
                        "the first matching rule wins; move the more specific rule up");
            }
        }
    }

    private static int secondWithSameName(List<ProtectionRule> rules) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (seen.putIfAbsent(Names.key(rules.get(i).name()), i) != null) {
                return i;
            }
        }
        return 0;
    }

    /** Where {@code field} ({@code requiredApprovals}, {@code emergencyOverride.approvers}) is written in a rule. */
    private SourcePosition position(YamlMapping node, String field) {
        YamlMapping current = node;
        SourcePosition found = node.position();
        for (String key : field.split("\\.")) {
            Optional<YamlMapping.Entry> entry = current.entry(key);
            if (entry.isEmpty()) {
                return found;
            }
            found = entry.get().key().position();
            if (!(entry.get().value() instanceof YamlMapping nested)) {
                return found;
            }
            current = nested;
        }
        return found;
    }

    private boolean hasErrors() {
        return errorCount() > 0;
    }

    private int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    private void error(SourcePosition at, String message, String hint) {
        diagnostics.add(Diagnostic.error(at, message, hint));
    }

    private void warning(SourcePosition at, String message, String hint) {
        diagnostics.add(Diagnostic.warning(at, message, hint));
    }

    /** The fields of one mapping: known keys only, each read with its own shape check. */
    private final class Section {
        private final YamlMapping mapping;
        private final String what;

        Section(YamlMapping mapping, String what, List<String> knownKeys) {
            this.mapping = mapping;
            this.what = what;
            for (YamlMapping.Entry entry : mapping.entries()) {
                String key = entry.key().value();
                if (!knownKeys.contains(key)) {
                    error(
                            entry.key().position(),
                            "unknown key '" + Wording.printable(key) + "' in " + what,
                            Suggestions.closest(key, knownKeys)
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("known keys here: " + String.join(", ", knownKeys)));
                }
            }
        }

        Optional<YamlNode> node(String key) {
            return mapping.get(key);
        }

        SourcePosition valuePosition(String key) {
            return node(key).map(YamlNode::position).orElse(mapping.position());
        }

        Optional<String> text(String key, boolean required) {
            Optional<YamlNode> node = node(key);
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isBlank()) {
                if (required) {
                    error(
                            node.map(YamlNode::position).orElse(mapping.position()),
                            what + " has no '" + key + "'",
                            "add '" + key + ":' to " + what);
                }
                return Optional.empty();
            }
            if (!(node.get() instanceof YamlScalar scalar)) {
                error(
                        node.get().position(),
                        "'" + key + "' must be a text value, not " + node.get().kind(),
                        null);
                return Optional.empty();
            }
            return Optional.of(scalar.value());
        }

        <T> Optional<T> parsed(String key, Function<String, T> parser) {
            return text(key, false).flatMap(value -> {
                try {
                    return Optional.of(parser.apply(value));
                } catch (RuleViolation e) {
                    error(valuePosition(key), key + ": " + e.getMessage(), e.hint());
                } catch (IllegalArgumentException e) {
                    error(valuePosition(key), key + ": " + e.getMessage(), null);
                }
                return Optional.empty();
            });
        }

        boolean bool(String key) {
            return text(key, false)
                    .map(value -> switch (value.toLowerCase(Locale.ROOT)) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> {
                            error(
                                    valuePosition(key),
                                    key + " '" + Wording.printable(value) + "' is not true or false",
                                    "write true or false");
                            yield false;
                        }
                    })
                    .orElse(false);
        }

        Optional<Integer> count(String key) {
            return text(key, false).flatMap(value -> {
                if (!COUNT.matcher(value).matches()) {
                    error(
                            valuePosition(key),
                            key + " '" + Wording.printable(value) + "' is not a whole number",
                            "write a number of people such as 2");
                    return Optional.empty();
                }
                return Optional.of(Integer.parseInt(value));
            });
        }

        /** A list of text values; a single value is a list of one. */
        <T> List<T> list(String key, boolean required, Function<String, T> parser) {
            Optional<YamlNode> node = node(key);
            List<YamlScalar> scalars = new ArrayList<>();
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isBlank()) {
                if (required) {
                    error(
                            node.map(YamlNode::position).orElse(mapping.position()),
                            what + " has no '" + key + "'",
                            "add '" + key + ":' with at least one value");
                }
                return List.of();
            } else if (node.get() instanceof YamlScalar scalar) {
                scalars.add(scalar);
            } else if (node.get() instanceof YamlSequence sequence) {
                for (YamlNode item : sequence.items()) {
                    if (item instanceof YamlScalar scalar && !scalar.isBlank()) {
                        scalars.add(scalar);
                    } else {
                        error(
                                item.position(),
                                "each item of '" + key + "' must be a text value, not "
                                        + (item instanceof YamlScalar ? "empty" : item.kind()),
                                null);
                    }
                }
                if (required && sequence.items().isEmpty()) {
                    error(sequence.position(), "'" + key + "' is empty", "list at least one value");
                }
            } else {
                error(
                        node.get().position(),
                        "'" + key + "' must be a list, not " + node.get().kind(),
                        null);
                return List.of();
            }
            List<T> values = new ArrayList<>();
            for (YamlScalar scalar : scalars) {
                try {
                    values.add(parser.apply(scalar.value()));
                } catch (RuleViolation e) {
                    error(scalar.position(), e.getMessage(), e.hint());
                } catch (IllegalArgumentException e) {
                    error(scalar.position(), e.getMessage(), null);
                }
            }
            return values;
        }

        Optional<YamlMapping> mapping(String key) {
            Optional<YamlNode> node = node(key);
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
                return Optional.empty();
            }
            if (node.get() instanceof YamlMapping nested) {
                return Optional.of(nested);
            }
            error(
                    node.get().position(),
                    "'" + key + "' must be a mapping, not " + node.get().kind(),
                    null);
            return Optional.empty();
        }

        List<YamlMapping> mappings(String key, String itemWhat) {
            Optional<YamlNode> node = node(key);
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
                return List.of();
            }
            if (!(node.get() instanceof YamlSequence sequence)) {
                error(
                        node.get().position(),
                        "'" + key + "' must be a list, not " + node.get().kind(),
                        "write each " + itemWhat + " as an item starting with '- '");
                return List.of();
            }
            List<YamlMapping> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                if (item instanceof YamlMapping m) {
                    items.add(m);
                } else {
                    error(
                            item.position(),
                            "each item of '" + key + "' must be " + itemWhat + " (a mapping), not " + item.kind(),
                            null);
                }
            }
            return items;
        }
    }
}
