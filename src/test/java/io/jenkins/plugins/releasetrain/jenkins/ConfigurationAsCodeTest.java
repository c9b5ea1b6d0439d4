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
    }
}
