package io.jenkins.plugins.releasetrain.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestPromotionTest {

    private static final String STAGING = Fixtures.exampleText("staging-us-east-2.yaml");
    private static final String PRODUCTION = Fixtures.exampleText("production-us-east-2.yaml");

    private static LoadedManifest load(String name, String text) {
        return new ManifestLoader().load(name, text);
    }

    @Test
    void changesOnlyThePromotedValuesOfTheExampleProductionManifest() {
        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING), load("production.yaml", PRODUCTION), ArtifactSelection.all());

        String expected = PRODUCTION
                .replace("    releaseCandidate: 1\n", "    releaseCandidate: 2\n")
                .replace("3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "4f545ec8f09c81ac645926f755ba13f46434f636")
                .replace("2617569ff9c1478317fbdf6b0e94091233deecbb", "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952")
                .replace("sourceTag: dev_401", "sourceTag: dev_456");
        assertThat(expected).isNotEqualTo(PRODUCTION);
        assertThat(promotion.promotedText()).isEqualTo(expected);
        assertThat(promotion.artifacts())
                .extracting(PlannedArtifact::id)
                .containsExactly(
                        "product1/deploy/resources",
                        "product1/deploy/apigw-main",
                        "product1/image/product1/microservice-2");
        assertThat(promotion.after().environment().name()).isEqualTo("production-us-east-2");
        assertThat(promotion.after().product("product1").orElseThrow().displayVersion())
                .isEqualTo("1.9.0-rc2");
    }

    @Test
    void keepsCommentsQuotingStyleAndKeyOrderWhileSplicingValues() {
        String production = """
                # Production: every change goes through review.
                environment:
                  name: production-us-east-2 # the real one
                  shortName: prod-us
                  destinationTagPrefix: prod_us
                products:
                  - releaseVersion: "1.8.0"   # quoted on purpose
                    name: product1
                    releaseCandidate: '3'
                    deployments:
                      # the edge lambda
                      - gitCommit: "3e1bfbd23a381c770cac57e56fb08d66c00b77ee" # pinned
                        gitRepoName: cloudfront-edge-s3-lambda
                        gitRepoShortName: cf-edge-s3
                        workflowBase: lambda-job
                        deployTarget: lambda
                    images:
                      - {repoName: product1/microservice-1, sourceTag: 'dev_100'}
                """;
        String staging = """
                environment:
                  name: staging-us-east-2
                  shortName: stage-us
                  destinationTagPrefix: stage_us
                products:
                  - name: product1
                    releaseVersion: 1.9.0
                    releaseCandidate: 2
                    deployments:
                      - gitRepoName: cloudfront-edge-s3-lambda
                        gitRepoShortName: cf-edge-s3
                        gitCommit: 0017ee3735f0c652c604f905523e8c3da0bfeba4
                        workflowBase: lambda-job
                        deployTarget: lambda
                    images:
                      - repoName: product1/microservice-1
                        sourceTag: dev_123
                """;

        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", staging), load("production.yaml", production), ArtifactSelection.all());

        assertThat(promotion.promotedText()).isEqualTo("""
                # Production: every change goes through review.
                environment:
                  name: production-us-east-2 # the real one
                  shortName: prod-us
                  destinationTagPrefix: prod_us
                products:
                  - releaseVersion: "1.9.0"   # quoted on purpose
                    name: product1
                    releaseCandidate: '2'
                    deployments:
                      # the edge lambda
                      - gitCommit: "0017ee3735f0c652c604f905523e8c3da0bfeba4" # pinned
                        gitRepoName: cloudfront-edge-s3-lambda
                        gitRepoShortName: cf-edge-s3
                        workflowBase: lambda-job
                        deployTarget: lambda
                    images:
                      - {repoName: product1/microservice-1, sourceTag: 'dev_123'}
                """);
    }

    @Test
    void promotesOnlyTheSelectedArtifactsAndLeavesAPartlyPromotedProductAtItsVersion() {
        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING),
                load("production.yaml", PRODUCTION),
                ArtifactSelection.of(List.of("product1/deploy/resources")));

        assertThat(promotion.promotedText())
                .isEqualTo(PRODUCTION.replace(
                        "3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "4f545ec8f09c81ac645926f755ba13f46434f636"));
        assertThat(promotion.products()).isEmpty();
        assertThat(promotion.notes())
                .singleElement()
                .asString()
                .contains("product1 stays at 1.9.0-rc1", "1 of its 3 changed artifacts");
    }

    @Test
    void promotesTheVersionOfAProductNamedWholeEvenWhenNoArtifactChanged() {
        String production = Fixtures.replaceOnce(STAGING, "releaseCandidate: 2", "releaseCandidate: 1")
                .replace("staging-us-east-2", "production-us-east-2")
                .replace("stage-us", "prod-us")
                .replace("stage_us", "prod_us");

        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING),
                load("production.yaml", production),
                ArtifactSelection.of(List.of("product1")));

        assertThat(promotion.promotedText())
                .isEqualTo(Fixtures.replaceOnce(production, "releaseCandidate: 1", "releaseCandidate: 2"));
        assertThat(promotion.artifacts()).isEmpty();
        assertThat(promotion.notes()).isEmpty();
        assertThat(promotion.products()).extracting(p -> p.after()).containsExactly("1.9.0-rc2");
    }

    @Test
    void copiesAnArtifactProductionLacksFromStagingReindentedToProductionsList() {
        String staging = Fixtures.replaceOnce(STAGING, "      - repoName: product1/microservice-3\n", """
                      - repoName: product1/microservice-4
                        sourceTag: dev_900
                        destinationTag: stage_us_special
                      - repoName: product1/microservice-3
                """);
        String production = indentProductsByTwo(PRODUCTION);

        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", staging),
                load("production.yaml", production),
                ArtifactSelection.of(List.of("product1/image/product1/microservice-4")));

        assertThat(promotion.promotedText())
                .isEqualTo(Fixtures.replaceOnce(production, "        - repoName: product1/microservice-3\n", """
                                - repoName: product1/microservice-4
                                  sourceTag: dev_900
                                - repoName: product1/microservice-3
                        """));
        assertThat(promotion.artifacts())
                .singleElement()
                .extracting(PlannedArtifact::change)
                .isEqualTo(ChangeKind.ADDED);
        assertThat(promotion.notes())
                .anySatisfy(note -> assertThat(note).contains("destinationTag of staging-us-east-2 was not copied"));
    }

    /** The same manifest with everything under 'products:' two columns further right. */
    private static String indentProductsByTwo(String text) {
        int products = text.indexOf("products:\n") + "products:\n".length();
        return text.substring(0, products) + text.substring(products).replaceAll("(?m)^(?=.)", "  ");
    }

    @Test
    void removesAnArtifactStagingNoLongerHasWithItsComment() {
        String production = Fixtures.replaceOnce(PRODUCTION, "      - repoName: product1/microservice-3\n", """
                      # retired in 1.9
                      - repoName: product1/microservice-9
                        sourceTag: dev_001
                      - repoName: product1/microservice-3
                """);

        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING),
                load("production.yaml", production),
                ArtifactSelection.of(List.of("product1/image/product1/microservice-9")));

        assertThat(promotion.promotedText()).isEqualTo(PRODUCTION);
    }

    @Test
    void addsAWholeProductAfterItsPredecessorInStaging() {
        String product2 = """
                  - name: product2
                    releaseVersion: 2.0.0
                    releaseCandidate: 1
                    images:
                      - repoName: product2/api
                        sourceTag: dev_5
                """;
        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING + product2),
                load("production.yaml", PRODUCTION),
                ArtifactSelection.of(List.of("product2")));

        assertThat(promotion.promotedText()).isEqualTo(PRODUCTION + product2);
        assertThat(promotion.after().product("product2")).isPresent();
    }

    @Test
    void refusesToAddToAListWrittenInFlowStyle() {
        String production = PRODUCTION.substring(0, PRODUCTION.indexOf("    images:"))
                + "    images: [{repoName: product1/microservice-1, sourceTag: dev_123}]\n";
        String staging = Fixtures.replaceOnce(STAGING, "      - repoName: product1/microservice-3\n", """
                      - repoName: product1/microservice-4
                        sourceTag: dev_900
                      - repoName: product1/microservice-3
                """);

        assertThatThrownBy(() -> ManifestPromotion.of(
                        load("staging.yaml", staging),
                        load("production.yaml", production),
                        ArtifactSelection.of(List.of("product1/image/product1/microservice-4"))))
                .isInstanceOf(PromotionNotPossibleException.class)
                .hasMessageContaining("is not written as a block list item")
                .satisfies(e -> assertThat(((GitOpsException) e).hint()).contains("by hand"));
    }

    @Test
    void refusesAnUnknownArtifactNamingWhatExists() {
        assertThatThrownBy(() -> ManifestPromotion.of(
                        load("staging.yaml", STAGING),
                        load("production.yaml", PRODUCTION),
                        ArtifactSelection.of(List.of("product1/deploy/nope"))))
                .isInstanceOf(PromotionNotPossibleException.class)
                .hasMessageContaining("no artifact or product 'product1/deploy/nope'");
    }

    @Test
    void keepsWindowsLineEndings() {
        String production = PRODUCTION.replace("\n", "\r\n");
        Promotion promotion = ManifestPromotion.of(
                load("staging.yaml", STAGING), load("production.yaml", production), ArtifactSelection.all());

        assertThat(promotion.promotedText()).doesNotContain("\r\r").contains("releaseCandidate: 2\r\n");
        assertThat(promotion.promotedText().replace("\r\n", "")).doesNotContain("\n");
    }
}
