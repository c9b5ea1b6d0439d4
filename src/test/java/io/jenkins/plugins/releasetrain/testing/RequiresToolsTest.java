package io.jenkins.plugins.releasetrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A class whose tools are missing shows as skipped with the package to install, rather than vanishing as
 * "Tests run: 0" when its {@code @BeforeAll} gives up; under CI it fails.
 */
class RequiresToolsTest {

    /** Counts how often the sample's {@code @BeforeAll} ran: never, when its tool is missing. */
    static final AtomicInteger SETUPS = new AtomicInteger();

    @RequiresTools("no-such-tool")
    static class NeedsAMissingTool {

        @BeforeAll
        static void setUp() {
            SETUPS.incrementAndGet();
        }

        @Test
        void usesIt() {}
    }

    private static Events containers(boolean required) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ToolsCondition.REQUIRE, String.valueOf(required))
                .selectors(selectClass(NeedsAMissingTool.class))
                .execute()
                .containerEvents();
    }

    @Test
    void aClassWhoseToolIsMissingIsSkippedWithThePackageToInstall() {
        Events containers = containers(false);

        assertThat(containers.skipped().count()).isEqualTo(1);
        assertThat(containers.skipped().stream()
                        .map(e -> e.getPayload(String.class).orElse("")))
                .singleElement()
                .asString()
                .contains("no-such-tool is not installed at /usr/bin/no-such-tool: run `apt-get install no-such-tool`");
        assertThat(SETUPS.get()).isZero();
    }

    @Test
    void underContinuousIntegrationAMissingToolFails() {
        Events containers = containers(true);

        assertThat(containers.failed().count()).isEqualTo(1);
        assertThat(SETUPS.get()).isZero();
    }
}
