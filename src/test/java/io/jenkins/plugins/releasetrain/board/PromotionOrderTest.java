package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionOrderTest {

    @Test
    void ordersEnvironmentsByTheTierTheirNamesSayThenByName() {
        assertThat(PromotionOrder.of(List.of(
                        "production-us-east-2",
                        "eu-prod",
                        "staging-us-east-2",
                        "dev-us-east-2",
                        "qa",
                        "preprod-eu",
                        "uat-1",
                        "sandbox")))
                .containsExactly(
                        "sandbox",
                        "dev-us-east-2",
                        "qa",
                        "uat-1",
                        "staging-us-east-2",
                        "preprod-eu",
                        "eu-prod",
                        "production-us-east-2");
    }

    @Test
    void namesThatSayNoTierComeLastInNameOrder() {
        assertThat(PromotionOrder.of(List.of("zeta", "production", "alpha", "dev")))
                .containsExactly("dev", "production", "alpha", "zeta");
    }

    @Test
    void aTierWordInsideAnotherWordDoesNotCount() {
        assertThat(PromotionOrder.tier("product-catalog")).isEqualTo(PromotionOrder.tier("alpha"));
        assertThat(PromotionOrder.tier("devops-tools")).isEqualTo(PromotionOrder.tier("alpha"));
    }
}
