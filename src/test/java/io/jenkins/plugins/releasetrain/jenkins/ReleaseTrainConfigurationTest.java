package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.VerifiedUpstream;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseTrainConfigurationTest {

    private static ReleaseEnvironment environment(String name, String upstream) {
        ReleaseEnvironment environment = new ReleaseEnvironment(name);
        environment.setUpstream(upstream);
        return environment;
    }

    @Test
    void keepsEverySettingThroughTheConfigurationForm(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        configuration.setEnvironments(List.of(
                environment("staging-us-east-2", null), environment("production-us-east-2", "staging-us-east-2")));
        ReleaseRegistry ecr = new ReleaseRegistry("ecr-prod", ReleaseRegistry.ECR);
        ecr.setRegion("us-east-2");
        ReleaseRegistry nexus = new ReleaseRegistry("nexus", ReleaseRegistry.OCI);
        nexus.setUrl("https://nexus.example.com");
        nexus.setInsecure(true);
        configuration.setRegistries(List.of(ecr, nexus));
        configuration.setDefaultJobTemplate("deploy/${workflowBase}");
        String ledger = new File(j.jenkins.getRootDir(), "ledger-elsewhere").getAbsolutePath();
        configuration.setLedgerDirectory(ledger);
        List<ReleaseEnvironment> environments = new ArrayList<>(configuration.getEnvironments());
        List<ReleaseRegistry> registries = new ArrayList<>(configuration.getRegistries());

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(environments, configuration.getEnvironments());
        j.assertEqualDataBoundBeans(registries, configuration.getRegistries());
        assertThat(configuration.getDefaultJobTemplate(), is("deploy/${workflowBase}"));
        assertThat(configuration.getLedgerDirectory(), is(ledger));
        assertThat(configuration.getRegistries().get(0).reference(), is("ecr:us-east-2"));
    }

    @Test
    void keepsProtectionRulesAndTheirFreezeWindowsThroughTheConfigurationForm(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        configuration.setProtectionRules(List.of(productionRule()));
        List<ReleaseProtectionRule> rules = new ArrayList<>(configuration.getProtectionRules());

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(rules, configuration.getProtectionRules());
        ProtectionRule rule =
                configuration.policy().ruleFor("production-us-east-2").orElseThrow();
        assertThat(rule.requiredApprovals(), is(2));
        assertThat(rule.approvers().groups(), is(List.of("release-leads")));
        assertThat(rule.approvalExpiry().orElseThrow(), is(Duration.ofHours(24)));
        assertThat(rule.freezeWindows(), hasSize(1));
        assertThat(rule.emergencyOverride().orElseThrow().requiredApprovals(), is(1));
        assertThat(rule.verifiedUpstream(), is(new VerifiedUpstream(true, Optional.of(Duration.ofHours(2)))));
        assertThat(configuration.policy().ruleFor("staging-us-east-2").isPresent(), is(false));
    }

    @Test
    void keepsApprovalGroupsTheHotfixLaneAndRollbackSettingsThroughTheConfigurationForm(JenkinsRule j)
            throws Exception {
        ReleaseProtectionRule production = new ReleaseProtectionRule("production", "production-*");
        ReleaseApprovalGroup security = new ReleaseApprovalGroup("security");
        security.setApproverGroups("security");
        ReleaseApprovalGroup leads = new ReleaseApprovalGroup("release leads");
        leads.setApproverGroups("release-leads");
        leads.setRequiredApprovals(2);
        production.setApprovalGroups(List.of(security, leads));
        ReleaseHotfixLane lane = new ReleaseHotfixLane();
        lane.setApproverGroups("sre-oncall");
        production.setHotfixLane(lane);
        production.setRollbackRequiredApprovals("1");
        production.setRollbackOnVerificationFailure(true);
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        configuration.setProtectionRules(List.of(production));
        List<ReleaseProtectionRule> rules = new ArrayList<>(configuration.getProtectionRules());

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(rules, configuration.getProtectionRules());
        ProtectionRule rule =
                configuration.policy().ruleFor("production-us-east-2").orElseThrow();
        assertThat(rule.approvalGroups(), hasSize(2));
        assertThat(rule.requiredApprovals(), is(3));
        assertThat(rule.approvalGroups().get(1).requiredApprovals(), is(2));
        assertThat(rule.hotfix().orElseThrow().approvers().groups(), is(List.of("sre-oncall")));
        assertThat(rule.requiredApprovals(true), is(1));
        assertThat(
                rule.rollback().onVerificationFailure(),
                is(io.jenkins.plugins.releasetrain.approval.RollbackRule.VerificationFailure.ROLLBACK));
        ReleaseProtectionRule plain = new ReleaseProtectionRule("staging", "staging-*");
        assertThrows(IllegalArgumentException.class, () -> plain.setRollbackRequiredApprovals("one"));
        assertThat(plain.toRule().hotfix().isPresent(), is(false));
        assertThat(
                plain.toRule().rollback().onVerificationFailure(),
                is(io.jenkins.plugins.releasetrain.approval.RollbackRule.VerificationFailure.STOP));
    }

    @Test
    void theBakeTimeIsCheckedAsTheEngineReadsIt(JenkinsRule j) {
        ReleaseProtectionRule.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(ReleaseProtectionRule.DescriptorImpl.class);

        assertThat(descriptor.doCheckBakeTime("PT2H").kind, is(FormValidation.Kind.OK));
        assertThat(descriptor.doCheckBakeTime("1d12h").kind, is(FormValidation.Kind.OK));
        assertThat(descriptor.doCheckBakeTime("").kind, is(FormValidation.Kind.OK));
        FormValidation wrong = descriptor.doCheckBakeTime("two hours");
        assertThat(wrong.kind, is(FormValidation.Kind.ERROR));
        assertThat(wrong.getMessage(), containsString("is not a duration; write PT24H or 24h, 1d12h, 90m"));
        assertThat(descriptor.doCheckBakeTime("PT-2H").kind, is(FormValidation.Kind.ERROR));
        ReleaseProtectionRule rule = new ReleaseProtectionRule("production", "production-*");
        assertThrows(IllegalArgumentException.class, () -> rule.setBakeTime("two hours"));
        assertThat(rule.toRule().verifiedUpstream(), is(VerifiedUpstream.NONE));
    }

    @Test
    void refusesProtectionRulesThatCannotWork(JenkinsRule j) {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        ReleaseProtectionRule nobody = new ReleaseProtectionRule("production", "production-*");
        nobody.setRequiredApprovals(2);
        ReleaseProtectionRule backwards = new ReleaseProtectionRule("year-end", "production-*");
        backwards.setFreezeWindows(List.of(new ReleaseFreezeWindow("year-end", "2027-01-04", "2026-12-19", "UTC")));

        IllegalArgumentException noApprovers =
                assertThrows(IllegalArgumentException.class, () -> configuration.setProtectionRules(List.of(nobody)));
        assertThat(
                noApprovers.getMessage(),
                is("Protection rule production: rule 'production' requires 2 approvals but names no approvers"));
        assertThrows(IllegalArgumentException.class, () -> configuration.setProtectionRules(List.of(backwards)));
        assertThat(configuration.getProtectionRules(), is(empty()));
    }

    /**
     * Production: two release leads, for 24 hours, after staging verified it two hours ago, frozen at weekends unless
     * SRE on call agrees.
     */
    static ReleaseProtectionRule productionRule() {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("production", "production-*");
        rule.setApproverGroups("release-leads");
        rule.setRequiredApprovals(2);
        rule.setApprovalExpiry("24h");
        rule.setRequires("staging-*");
        rule.setRequireVerified(true);
        rule.setBakeTime("PT2H");
        rule.setFreezeWindows(
                List.of(new ReleaseFreezeWindow("weekend", "Friday 18:00", "Monday 08:00", "Europe/Berlin")));
        rule.setEmergencyApproverGroups("sre-oncall");
        rule.setEmergencyRequiredApprovals(1);
        return rule;
    }

    @Test
    void formWithNoEntriesLeavesNoEntries(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();

        j.configRoundtrip();

        assertThat(configuration.getEnvironments(), is(empty()));
        assertThat(configuration.getRegistries(), is(empty()));
        assertThat(configuration.getProtectionRules(), is(empty()));
        assertThat(configuration.getDefaultJobTemplate(), is("release-jobs/${workflowBase}"));
        assertThat(
                configuration.getLedgerRoot(),
                is(new File(new File(j.jenkins.getRootDir(), "release-train"), "ledger")));
    }

    @Test
    void refusesSettingsThatCannotWork(JenkinsRule j) {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();

        assertThrows(IllegalArgumentException.class, () -> configuration.setLedgerDirectory("relative/ledger"));
        assertThrows(IllegalArgumentException.class, () -> configuration.setDefaultJobTemplate("../${workflowBase}"));
        assertThrows(IllegalArgumentException.class, () -> new ReleaseEnvironment("Production_US"));
        assertThrows(IllegalArgumentException.class, () -> new ReleaseRegistry("ecr-prod", "quay"));
    }

    @Test
    void promotionOrderNeedsEachUpstreamListedFirst() {
        assertThat(
                problemOf(List.of(
                        environment("production-us-east-2", "staging-us-east-2"),
                        environment("staging-us-east-2", null))),
                is("The environment production-us-east-2 names staging-us-east-2 as its upstream, but"
                        + " staging-us-east-2 is not listed before it; list the environments in promotion order"));
        assertThat(
                problemOf(List.of(environment("staging-us-east-2", null), environment("staging-us-east-2", null))),
                is("The environment staging-us-east-2 is listed twice"));
        assertThat(
                problemOf(List.of(
                        environment("staging-us-east-2", null),
                        environment("production-us-east-2", "staging-us-east-2"))),
                is((String) null));
    }

    @Test
    void theCredentialsListOffersWhatABuildCanUse(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new org.jvnet.hudson.test.MockAuthorizationStrategy()
                .grant(jenkins.model.Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        com.cloudbees.plugins.credentials.domains.Domain global =
                com.cloudbees.plugins.credentials.domains.Domain.global();
        com.cloudbees.plugins.credentials.CredentialsStore store =
                com.cloudbees.plugins.credentials.CredentialsProvider.lookupStores(j.jenkins)
                        .iterator()
                        .next();
        store.addCredentials(
                global,
                new com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "registry-push",
                        "",
                        "ci",
                        "secret"));
        store.addCredentials(
                global,
                new com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.SYSTEM,
                        "system-only",
                        "",
                        "root",
                        "secret"));
        List<String> offered;
        try (hudson.security.ACLContext ignored =
                hudson.security.ACL.as2(hudson.model.User.getById("admin", true).impersonate2())) {
            offered =
                    j
                            .jenkins
                            .getDescriptorByType(ReleaseRegistry.DescriptorImpl.class)
                            .doFillCredentialsIdItems("")
                            .stream()
                            .map(option -> option.value)
                            .filter(value -> !value.isEmpty())
                            .toList();
        }

        assertThat(offered, is(List.of("registry-push")));
    }

    private static String problemOf(List<ReleaseEnvironment> environments) {
        return ConfigurationCheck.environments(environments)
                .map(ConfigurationCheck.Problem::message)
                .orElse(null);
    }

    @Test
    void configurationAsCodeAndTheSettersRefuseWhatTheFormRefuses(JenkinsRule j) {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();

        IllegalArgumentException environments = assertThrows(
                IllegalArgumentException.class,
                () -> configuration.setEnvironments(List.of(
                        environment("production-us-east-2", "staging-us-east-2"),
                        environment("staging-us-east-2", null))));
        IllegalArgumentException rules = assertThrows(
                IllegalArgumentException.class,
                () -> configuration.setProtectionRules(List.of(
                        new ReleaseProtectionRule("prod", "production-*"),
                        new ReleaseProtectionRule("prod", "prod-*"))));
        ReleaseRegistry first = new ReleaseRegistry("images", ReleaseRegistry.OCI);
        first.setUrl("https://registry.example.com");
        ReleaseRegistry second = new ReleaseRegistry("images", ReleaseRegistry.ECR);
        second.setRegion("us-east-2");
        IllegalArgumentException registries =
                assertThrows(IllegalArgumentException.class, () -> configuration.setRegistries(List.of(first, second)));

        assertThat(
                environments.getMessage(),
                is("environments: The environment production-us-east-2 names"
                        + " staging-us-east-2 as its upstream, but staging-us-east-2 is not listed before it; list the"
                        + " environments in promotion order"));
        assertThat(rules.getMessage().startsWith("protectionRules: Two protection rules are named prod"), is(true));
        assertThat(registries.getMessage().startsWith("registries: Two image registries are named images"), is(true));
        assertThat(configuration.getEnvironments().isEmpty(), is(true));
    }

    @Test
    void registryChecksItsLocationForItsType() {
        assertThat(ReleaseRegistry.urlProblem(ReleaseRegistry.OCI, "https://registry.example.com"), is((String) null));
        assertThat(
                ReleaseRegistry.urlProblem(ReleaseRegistry.OCI, "registry.example.com"),
                is("registry.example.com is not the http(s) URL of a registry, such as https://registry.example.com"));
        assertThat(
                ReleaseRegistry.urlProblem(ReleaseRegistry.OCI_LAYOUT, "images"),
                is("images is not an absolute path on the controller"));
        assertThat(ReleaseRegistry.regionProblem(ReleaseRegistry.ECR, "us-east-2"), is((String) null));
        assertThat(
                ReleaseRegistry.regionProblem(ReleaseRegistry.ECR, "Ohio"),
                is("Ohio is not an AWS region, such as us-east-2"));
        assertThat(ReleaseRegistry.regionProblem(ReleaseRegistry.OCI, null), is((String) null));
    }
}
