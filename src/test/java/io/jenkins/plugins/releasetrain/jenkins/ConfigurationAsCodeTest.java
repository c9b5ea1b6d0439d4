package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void configuresReleaseTrainFromYaml(JenkinsConfiguredWithCodeRule r) {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();

        List<ReleaseEnvironment> environments = configuration.getEnvironments();
        assertThat(environments, hasSize(2));
        assertThat(environments.get(0).getName(), is("staging-us-east-2"));
        assertThat(environments.get(1).getName(), is("production-us-east-2"));
        assertThat(environments.get(1).getUpstream(), is("staging-us-east-2"));
        List<ReleaseRegistry> registries = configuration.getRegistries();
        assertThat(registries, hasSize(2));
        assertThat(registries.get(0).reference(), is("ecr:us-east-2"));
        assertThat(registries.get(0).getCredentialsId(), is("aws-release"));
        assertThat(registries.get(1).reference(), is("https://registry.example.com"));
        assertThat(registries.get(1).isInsecure(), is(false));
        assertThat(configuration.getDefaultJobTemplate(), is("deploy/${workflowBase}"));
        assertThat(configuration.getLedgerDirectory(), is((String) null));
        ReleaseProtectionRule production = configuration.getProtectionRules().get(0);
        assertThat(production.getEnvironments(), is("production-*"));
        assertThat(production.getFreezeWindows().get(0).getTimeZone(), is("Europe/Berlin"));
        ProtectionRule rule =
                configuration.policy().ruleFor("production-us-east-2").orElseThrow();
        assertThat(rule.requiredApprovals(), is(2));
        assertThat(rule.allowAuthorApproval(), is(false));
        assertThat(rule.requires().get(0).glob(), is("staging-*"));
        assertThat(rule.verifiedUpstream().required(), is(true));
        assertThat(rule.verifiedUpstream().bakeTime(), is(java.util.Optional.of(java.time.Duration.ofHours(2))));
        assertThat(rule.hotfix().orElseThrow().approvers().groups(), is(java.util.List.of("sre-oncall")));
        assertThat(rule.requiredApprovals(true), is(1));
        assertThat(
                rule.rollback().onVerificationFailure(),
                is(io.jenkins.plugins.releasetrain.approval.RollbackRule.VerificationFailure.ROLLBACK));
        assertThat(rule.emergencyOverride().orElseThrow().approvers().groups(), is(List.of("sre-oncall")));
        ReleaseChangelogSource changelog = configuration.getChangelog();
        assertThat(changelog.getRepositoryTemplate(), is("https://git.example.com/acme/{gitRepoName}.git"));
        assertThat(
                changelog.locator().locate("public-portal").orElseThrow().display(),
                is("https://legacy.example.com/portal.git"));
        assertThat(changelog.getLimit(), is(20));
        assertThat(changelog.getIssuePattern(), is("PAY-\\d+"));
        assertThat(changelog.getRegistry(), is("internal"));
        ReleaseBoardManifests manifests = configuration.getBoardManifests();
        assertThat(manifests.getRepository(), is("https://git.example.com/acme/infra.git"));
        assertThat(manifests.getPathPattern(), is("deploy/{env}/release.yaml"));
        assertThat(manifests.getBranch(), is("release"));
        assertThat(manifests.getCredentialsId(), is("manifests-reader"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void refusesYamlTheFormWouldRefuseAndKeepsWhatWasConfigured(JenkinsConfiguredWithCodeRule r) throws Exception {
        String unordered = java.nio.file.Path.of(ConfigurationAsCodeTest.class
                        .getResource("configuration-as-code-unordered.yml")
                        .toURI())
                .toString();

        io.jenkins.plugins.casc.ConfiguratorException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.jenkins.plugins.casc.ConfiguratorException.class,
                () -> io.jenkins.plugins.casc.ConfigurationAsCode.get().configure(unordered));

        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(
                messages.toString(),
                containsString("environments: The environment production-us-east-2 names"
                        + " staging-us-east-2 as its upstream, but staging-us-east-2 is not listed before it"));
        assertThat(ReleaseTrainConfiguration.get().getEnvironments().get(0).getName(), is("staging-us-east-2"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsReleaseTrainAsYaml(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode releaseTrain = Util.getUnclassifiedRoot(context).get("releaseTrain");

        String exported = Util.toYamlString(releaseTrain);

        assertThat(exported, containsString("name: \"production-us-east-2\""));
        assertThat(exported, containsString("upstream: \"staging-us-east-2\""));
        assertThat(exported, containsString("region: \"us-east-2\""));
        assertThat(exported, containsString("credentialsId: \"aws-release\""));
        assertThat(exported, containsString("url: \"https://registry.example.com\""));
        assertThat(exported, containsString("defaultJobTemplate: \"deploy/^${workflowBase}\""));
        assertThat(exported, containsString("approverGroups: \"release-leads\""));
        assertThat(exported, containsString("requiredApprovals: 2"));
        assertThat(exported, containsString("requireVerified: true"));
        assertThat(exported, containsString("bakeTime: \"PT2H\""));
        assertThat(exported, containsString("hotfixLane:"));
        assertThat(exported, containsString("rollbackRequiredApprovals: \"1\""));
        assertThat(exported, containsString("rollbackOnVerificationFailure: true"));
        assertThat(exported, containsString("boardManifests:"));
        assertThat(exported, containsString("repository: \"https://git.example.com/acme/infra.git\""));
        assertThat(exported, containsString("pathPattern: \"deploy/{env}/release.yaml\""));
        assertThat(exported, containsString("branch: \"release\""));
        assertThat(exported, containsString("credentialsId: \"manifests-reader\""));
        assertThat(exported, containsString("start: \"Friday 18:00\""));
        assertThat(exported, containsString("emergencyApproverGroups: \"sre-oncall\""));
    }
}
