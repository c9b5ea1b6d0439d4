package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Manage Jenkins → System as an administrator sees it: the whole page renders, with every label of the
 * plugin's sections spelt as written and its Save button, with and without protection rules and freeze
 * windows. A label that Stapler cannot read once stopped the page half-way for everyone, rule or no rule,
 * because the "Add" button's template renders every field.
 */
@WithJenkins
class SystemConfigurationPageTest {

    private static final List<String> RULE_LABELS = List.of(
            "Approver user ids",
            "Approver groups",
            "Required approvals",
            "Emergency override: approver user ids",
            "Emergency override: approver groups",
            "Emergency override: required approvals");

    private static HtmlPage systemConfiguration(JenkinsRule j) throws Exception {
        return j.createWebClient().goTo("manage/configure");
    }

    private static void assertTheWholePageRendered(JenkinsRule j, HtmlPage page) {
        HtmlForm form = page.getFormByName("config");
        assertThat("the Save button at the end of the page", j.getButtonByCaption(form, "Save"), notNullValue());
        String source = page.getWebResponse().getContentAsString();
        assertThat(source, not(containsString("Unable to create expression")));
        assertThat(source, not(containsString("JellyException")));
    }

    @Test
    void rendersWholeAndKeepsNothingWhenNothingIsConfigured(JenkinsRule j) throws Exception {
        HtmlPage page = systemConfiguration(j);

        assertTheWholePageRendered(j, page);
        j.configRoundtrip();
        assertThat(ReleaseTrainConfiguration.get().getProtectionRules(), hasSize(0));
    }

    @Test
    void showsEveryLabelOfARuleAndItsFreezeWindowAndSavesThemUnchanged(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration configuration = ReleaseTrainConfiguration.get();
        configuration.setProtectionRules(List.of(ReleaseTrainConfigurationTest.productionRule()));

        HtmlPage page = systemConfiguration(j);

        assertTheWholePageRendered(j, page);
        String text = page.asNormalizedText();
        for (String label : RULE_LABELS) {
            assertThat(text, containsString(label));
        }
        assertThat(text, containsString("End, not included"));
        j.submit(page.getFormByName("config"));
        assertThat(configuration.getProtectionRules(), hasSize(1));
        ReleaseProtectionRule kept = configuration.getProtectionRules().get(0);
        assertThat(kept.getFreezeWindows(), hasSize(1));
        assertThat(kept.getFreezeWindows().get(0).getEnd(), is("Monday 08:00"));
        assertThat(kept.getRequiredApprovals(), is(2));
    }
}
