package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files: what they map to, and every mistake reported at its line and column. */
class PolicyLoaderTest {

    private final PolicyLoader loader = new PolicyLoader();

    /** The example of docs/approvals.md, so the documentation cannot drift from what loads. */
    static String documentedExample() {
        try {
            String doc = Files.readString(Fixtures.projectRoot().resolve("docs/approvals.md"), StandardCharsets.UTF_8);
            int marker = doc.indexOf("<!-- policy-example");
            int start = doc.indexOf("```yaml\n", marker) + "```yaml\n".length();
            return doc.substring(start, doc.indexOf("```", start));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void loadsTheDocumentedStagingToProductionExample() {
        LoadedPolicy loaded = loader.load("release-policy.yaml", documentedExample());
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.policy().rules()).hasSize(1);
        ProtectionRule production =
                loaded.policy().ruleFor("production-us-east-2").orElseThrow();
        assertThat(production.name()).isEqualTo("production");
        assertThat(production.approvers()).isEqualTo(Approvers.groups("release-leads"));
        assertThat(production.requiredApprovals()).isEqualTo(2);
        assertThat(production.allowAuthorApproval()).isFalse();
        assertThat(production.allowTriggeringUserApproval()).isFalse();
        assertThat(production.allowAdminBypass()).isFalse();
        assertThat(production.approvalExpiry()).contains(Duration.ofHours(24));
        assertThat(production.requires()).containsExactly(EnvironmentPattern.of("staging-*"));
        assertThat(production.freezeWindows())
                .containsExactly(new WeeklyFreeze(
                        "weekend",
                        new WeeklyTime(DayOfWeek.FRIDAY, LocalTime.of(18, 0)),
                        new WeeklyTime(DayOfWeek.MONDAY, LocalTime.of(8, 0)),
                        ZoneId.of("Europe/Berlin")));
        assertThat(production.emergencyOverride()).contains(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        assertThat(loaded.policy().ruleFor("staging-us-east-2")).isEmpty();
    }

    @Test
    void readsJsonAndOneOffWindowsAndShortDurations() {
        String json = """
                {"rules": [{"name": "prod", "environments": "production-us-east-2",
                  "approvers": {"users": ["carol", "dan"]}, "requiredApprovals": "2",
                  "allowAdminBypass": "TRUE", "approvalExpiry": "1d12h",
                  "freezeWindows": [{"name": "year-end", "start": "2026-12-19", "end": "2027-01-04 08:00",
                                     "timeZone": "America/New_York"}]}]}
                """;
        ProtectionRule rule = loader.load("policy.json", json).policy().rules().get(0);
        assertThat(rule.environments()).containsExactly(EnvironmentPattern.of("production-us-east-2"));
        assertThat(rule.approvers()).isEqualTo(Approvers.users("carol", "dan"));
        assertThat(rule.allowAdminBypass()).isTrue();
        assertThat(rule.approvalExpiry()).contains(Duration.ofHours(36));
        assertThat(rule.freezeWindows())
                .containsExactly(new DateRangeFreeze(
                        "year-end",
                        LocalDateTime.parse("2026-12-19T00:00"),
                        LocalDateTime.parse("2027-01-04T08:00"),
                        ZoneId.of("America/New_York")));
    }

    @Test
    void reportsEveryMistakeAtItsLineAndColumnWithHints() {
        String text = """
                rules:
                  - name: production
                    environments: [production-*]
                    approvers:
                      groups: [release-leads]
                    approvalExpiry: 24 hours
                    requiredApproval: 2
                    allowAdminBypass: yes
                    freezeWindows:
                      - name: weekend
                        start: Fryday 18:00
                        end: Monday 08:00
                        timeZone: Europe/Berln
                """;
        assertThatThrownBy(() -> loader.load("release-policy.yaml", text))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "release-policy.yaml:6:21: error: approvalExpiry: '24 hours' is not a duration;"
                                                + " write PT24H or 24h, 1d12h, 90m",
                                        "release-policy.yaml:7:5: error: unknown key 'requiredApproval' in a rule\n"
                                                + "  hint: did you mean 'requiredApprovals'?",
                                        "release-policy.yaml:8:23: error: allowAdminBypass 'yes' is not true or false\n"
                                                + "  hint: write true or false",
                                        "release-policy.yaml:11:16: error: start: 'Fryday' is not a day of the week (did you"
                                                + " mean Friday?); write Monday to Sunday, or Mon to Sun",
                                        "release-policy.yaml:13:19: error: 'Europe/Berln' is not a time zone\n"
                                                + "  hint: did you mean 'Europe/Berlin'?"));
    }

    @Test
    void readsWhatARuleSaysAboutRollbacks() {
        ProtectionRule rule = loader.load("policy.yaml", """
                        rules:
                          - name: production
                            environments: [production-*]
                            approvers:
                              users: [bob, carol]
                            requiredApprovals: 2
                            rollback:
                              requiredApprovals: 1
                            onVerificationFailure: rollback
                        """).policy().rules().get(0);
        assertThat(rule.rollback())
                .isEqualTo(new RollbackRule(java.util.Optional.of(1), RollbackRule.VerificationFailure.ROLLBACK));
        assertThat(rule.requiredApprovals(true)).isEqualTo(1);
        assertThat(rule.requiredApprovals(false)).isEqualTo(2);
        assertThat(ApprovalMaps.rule(rule))
                .containsEntry("rollback", java.util.Map.of("requiredApprovals", 1))
                .containsEntry("onVerificationFailure", "rollback");
        ProtectionRule silent = loader.load("policy.yaml", "rules:\n  - environments: [production-*]\n")
                .policy()
                .rules()
                .get(0);
        assertThat(silent.rollback()).isEqualTo(RollbackRule.DEFAULT);
        assertThat(silent.requiredApprovals(true)).isZero();
    }

    @Test
    void refusesRollbackFieldsThatCannotWork() {
        String text = """
                rules:
                  - name: production
                    environments: [production-*]
                    approvers:
                      users: [bob]
                    rollback:
                      requiredApprovals: 2
                      approvers: [carol]
                    onVerificationFailure: revert
                """;
        assertThatThrownBy(() -> loader.load("release-policy.yaml", text))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "release-policy.yaml:8:7: error: unknown key 'approvers' in rollback\n"
                                                + "  hint: known keys here: requiredApprovals",
                                        "release-policy.yaml:9:28: error: onVerificationFailure must be stop or"
                                                + " rollback, not 'revert'\n  hint: stop leaves a release that failed"
                                                + " verification live; rollback goes back to the release before it"));
        String impossible = """
                rules:
                  - name: production
                    environments: [production-*]
                    approvers:
                      users: [bob]
                    rollback:
                      requiredApprovals: 2
                """;
        assertThatThrownBy(() -> loader.load("release-policy.yaml", impossible))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()).get(0))
                                .startsWith("release-policy.yaml:7:7: error:")
                                .contains("2"));
    }

    @Test
    void readsWebhooksAndSaysWhatIsWrongWithThemWhereItIs() {
        LoadedPolicy loaded = loader.load("policy.yaml", """
                        rules:
                          - environments: [production-*]
                        notifications:
                          webhooks:
                            - url: https://hooks.example.com/release
                              secretEnv: RELEASE_HOOK_SECRET
                              events: [awaiting-approval, failed]
                              timeout: PT2S
                              attempts: 2
                            - url: https://hooks.slack.com/services/T0/B0/xyz
                              format: slack
                        """);
        assertThat(loaded.webhooks()).hasSize(2);
        io.jenkins.plugins.releasetrain.notify.Webhook first = loaded.webhooks().get(0);
        assertThat(first.events())
                .containsExactlyInAnyOrder(
                        io.jenkins.plugins.releasetrain.notify.EventType.AWAITING_APPROVAL,
                        io.jenkins.plugins.releasetrain.notify.EventType.FAILED);
        assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(formatted(loaded.warnings()))
                .containsExactly("policy.yaml:10:7: warning: the webhook to https://hooks.slack.com is not signed: its"
                        + " receiver cannot tell our events from forged ones\n"
                        + "  hint: add secretEnv: NAME or secretFile: PATH with a shared secret");

        String text = """
                rules:
                  - environments: [production-*]
                notifications:
                  webhooks:
                    - url: ftp://hooks.example.com/release
                      secretEnv: X
                    - url: https://hooks.example.com/x
                      secretEnv: X
                      format: teams
                      events: [failed, deployed]
                      attempts: 9
                """;
        assertThatThrownBy(() -> loader.load("policy.yaml", text))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "policy.yaml:5:7: error: a webhook URL is an absolute http:// or https:// URL",
                                        "policy.yaml:9:15: error: format must be cloudevents or slack, not 'teams'\n"
                                                + "  hint: cloudevents sends a CloudEvents 1.0 event; slack a message for"
                                                + " an incoming webhook",
                                        "policy.yaml:10:24: error: 'deployed' is not an event; events are"
                                                + " awaiting-approval, approved, rejected, frozen, started, succeeded,"
                                                + " failed, verification-failed, rolled-back, hotfix",
                                        "policy.yaml:11:17: error: attempts must be 1 to 5, not 9\n"
                                                + "  hint: each attempt after the first waits longer; a few are enough"));
    }

    @Test
    void readsApprovalGroupsAndRefusesThemBesideTheRulesOwnQuorum() {
        ProtectionRule rule = loader.load("policy.yaml", """
                        rules:
                          - name: production
                            environments: [production-*]
                            approvalGroups:
                              - name: security
                                approvers:
                                  groups: [security]
                              - name: release leads
                                approvers:
                                  users: [bob, carol, dana]
                                requiredApprovals: 2
                        """).policy().rules().get(0);
        assertThat(rule.approvalGroups())
                .containsExactly(
                        new ApprovalGroup("security", Approvers.groups("security"), 1),
                        new ApprovalGroup("release leads", Approvers.users("bob", "carol", "dana"), 2));
        assertThat(rule.requiredApprovals()).isEqualTo(3);
        assertThat(rule.approvers()).isEqualTo(new Approvers(List.of("bob", "carol", "dana"), List.of("security")));

        String both = """
                rules:
                  - name: production
                    environments: [production-*]
                    requiredApprovals: 2
                    approvalGroups:
                      - name: security
                        approvers:
                          users: [sam]
                        requiredApprovals: 2
                """;
        assertThatThrownBy(() -> loader.load("policy.yaml", both))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "policy.yaml:5:5: error: rule 'production' gives approvalGroups and approvers"
                                                + " or requiredApprovals\n  hint: with approvalGroups, each group names"
                                                + " its approvers and how many; remove the rule's own",
                                        "policy.yaml:9:9: error: 2 approvals are required but only 1 distinct users"
                                                + " may give them\n  hint: add approvers (a group is easiest to"
                                                + " maintain) or lower requiredApprovals"));
    }

    @Test
    void placesARuleThatCannotWorkAtTheFieldToChange() {
        String text = """
                rules:
                  - name: production
                    environments: [production-*]
                    approvers:
                      users: [carol, dan]
                    requiredApprovals: 3
                """;
        assertThatThrownBy(() -> loader.load("p.yaml", text))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "p.yaml:6:5: error: 3 approvals are required but only 2 distinct users may"
                                                + " give them\n  hint: add approvers (a group is easiest to maintain) or lower"
                                                + " requiredApprovals"));
    }

    @Test
    void refusesMixedWindowKindsBadGlobsAndDuplicateNames() {
        String text = """
                rules:
                  - name: production
                    environments: [Production/*]
                    freezeWindows:
                      - {name: odd, start: Friday 18:00, end: 2026-12-24, timeZone: UTC}
                  - name: PRODUCTION
                    environments: [prod]
                    emergencyOverride: {requiredApprovals: 1}
                """;
        assertThatThrownBy(() -> loader.load("p.yaml", text))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly(
                                        "p.yaml:3:20: error: 'Production/*' is not an environment name or glob\n"
                                                + "  hint: use lowercase letters, digits and '-', with '*' for any run of"
                                                + " characters and '?' for one character, e.g. production-*",
                                        "p.yaml:5:47: error: start and end of the freeze window 'odd' must both be days of"
                                                + " the week (a weekly window) or both dates (a one-off window)\n"
                                                + "  hint: write e.g. start: Friday 18:00 and end: Monday 08:00, or start:"
                                                + " 2026-12-19 and end: 2027-01-04",
                                        "p.yaml:8:24: error: an emergency override names nobody who may grant it\n"
                                                + "  hint: list users or groups under emergencyOverride.approvers, e.g."
                                                + " groups: [sre-oncall]"));
        String duplicate = """
                rules:
                  - {name: production, environments: [production-*]}
                  - {name: PRODUCTION, environments: [prod]}
                """;
        assertThatThrownBy(() -> loader.load("p.yaml", duplicate))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(formatted(e.diagnostics()))
                                .containsExactly("p.yaml:3:6: error: two rules are named 'PRODUCTION'\n"
                                        + "  hint: give each rule its own name; decisions and the ledger quote it"));
    }

    @Test
    void warnsAboutRulesThatNeverApplyAndOverridesWithoutFreezes() {
        String text = """
                rules:
                  - name: production
                    environments: [production-*]
                  - name: production-eu
                    environments: [production-eu-*, 'production-?']
                    emergencyOverride:
                      approvers: {groups: [sre-oncall]}
                  - name: zone
                    environments: [qa]
                    freezeWindows: [{name: nights, start: Mon 20:00, end: Tue 06:00, timeZone: "+02:00"}]
                """;
        LoadedPolicy loaded = loader.load("p.yaml", text);
        assertThat(formatted(loaded.warnings()))
                .containsExactly(
                        "p.yaml:5:5: warning: rule 'production-eu' never applies: every environment it names is"
                                + " matched first by rule 'production' above it\n"
                                + "  hint: the first matching rule wins; move the more specific rule up",
                        "p.yaml:6:5: warning: emergencyOverride has no effect: rule 'production-eu' has no freeze"
                                + " windows\n  hint: add freezeWindows, or remove emergencyOverride",
                        "p.yaml:10:80: warning: the time zone '+02:00' is a fixed offset, which ignores daylight"
                                + " saving time\n  hint: name a region, such as Europe/Berlin or America/New_York");
    }

    @Test
    void refusesWhatIsNotAPolicy(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> loader.load("p.yaml", "# nothing here\n"))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e -> assertThat(e.getMessage()).contains("p.yaml:2:1: error: the policy file is empty"));
        assertThatThrownBy(() -> loader.load("p.yaml", "- rules\n"))
                .hasMessageContaining("p.yaml:1:1: error: a policy file is a mapping with 'rules:', not a list");
        assertThatThrownBy(() -> loader.load("p.yaml", "rules: !!java.net.URL [http://x]\n"))
                .hasMessageContaining("p.yaml:1:8: error: the YAML tag !!java.net.URL is not allowed");
        assertThatThrownBy(() -> loader.load("p.yaml", "rule: []\n"))
                .hasMessageContaining("p.yaml:1:1: error: unknown key 'rule' in the policy")
                .hasMessageContaining("did you mean 'rules'?");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml:1:1: error: no such file");
        Path empty = Files.writeString(dir.resolve("ok.yaml"), "rules: []\n");
        assertThat(loader.load(empty).policy().rules()).isEmpty();
        assertThat(formatted(loader.load(empty).warnings()))
                .containsExactly(empty + ":1:8: warning: the policy has no rules: every environment is unprotected");
    }

    private static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(Diagnostic::format)
                .map(s -> s.replace(System.lineSeparator(), "\n"))
                .toList();
    }
}
