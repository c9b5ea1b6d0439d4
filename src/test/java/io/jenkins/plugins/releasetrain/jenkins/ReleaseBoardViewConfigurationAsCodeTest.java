package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import hudson.model.View;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ReleaseBoardViewConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("release-board-view.yml")
    void configuresAndExportsTheView(JenkinsConfiguredWithCodeRule r) throws Exception {
        View view = r.jenkins.getView("Releases");
        assertThat(view, instanceOf(ReleaseBoardView.class));
        assertThat(((ReleaseBoardView) view).environmentNames().size(), is(2));
        assertThat(((ReleaseBoardView) view).getHistoryLimit(), is(20));

        String exported = Util.toYamlString(Util.getJenkinsRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("views"));

        assertThat(exported, containsString("releaseBoard:"));
        assertThat(exported, containsString("environments: \"staging-us-east-2, production-us-east-2\""));
        assertThat(exported, containsString("historyLimit: 20"));
    }
}
