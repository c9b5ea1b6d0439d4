package io.jenkins.plugins.releasetrain.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationTagsTest {

    @ParameterizedTest
    @CsvSource({
        "stage_us, dev_123, stage_us_123",
        "prod_us, dev_123, prod_us_123",
        "prod_us, dev_feature_7, prod_us_feature_7",
        "stage_us, 1.4.2, stage_us_1.4.2",
        "stage_us, _9, stage_us_9"
    })
    void keepsWhatFollowsTheFirstUnderscore(String prefix, String source, String expected) {
        assertThat(DestinationTags.derive(prefix, source)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"dev_123, stage_us_123", "custom, custom"})
    void prefersAnExplicitDestinationTag(String sourceTag, String explicit) {
        Environment staging = new Environment("staging-us-east-2", "stage-us", "stage_us");
        Image image = new Image("product1/microservice-1", sourceTag, explicit);
        assertThat(image.destinationTagIn(staging)).isEqualTo(explicit);
    }
}
