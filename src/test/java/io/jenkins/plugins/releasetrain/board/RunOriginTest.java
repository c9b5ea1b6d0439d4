package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunOriginTest {

    @Test
    void blankDetailsCountAsNotRecorded() {
        RunOrigin origin = new RunOrigin(" ", "", null);

        assertThat(origin).isEqualTo(RunOrigin.UNKNOWN);
        assertThat(origin.buildNumber()).isEmpty();
    }

    @Test
    void aBuildNumberIsReadOnlyWhenItIsOne() {
        assertThat(new RunOrigin("releases/production", "42", null).buildNumber())
                .isEqualTo(OptionalInt.of(42));
        assertThat(new RunOrigin("releases/production", "lastBuild", null).buildNumber())
                .isEmpty();
        assertThat(new RunOrigin("releases/production", "-1", null).buildNumber())
                .isEmpty();
        assertThat(new RunOrigin("releases/production", "99999999999", null).buildNumber())
                .as("too large for a build number")
                .isEmpty();
    }

    @Test
    void everyRunIsSeenAndLinksToTheRecordedPage() {
        RunOrigin origin = new RunOrigin("releases/production", "7", "https://ci.example.com/job/releases/7/");

        assertThat(RunAccess.everyRun().canSee(origin)).isTrue();
        assertThat(RunAccess.everyRun().canSee(RunOrigin.UNKNOWN)).isTrue();
        assertThat(RunAccess.everyRun().page(origin)).contains("https://ci.example.com/job/releases/7/");
        assertThat(RunAccess.everyRun().page(RunOrigin.UNKNOWN)).isEmpty();
    }
}
