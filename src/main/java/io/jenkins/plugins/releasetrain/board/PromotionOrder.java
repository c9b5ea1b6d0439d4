package io.jenkins.plugins.releasetrain.board;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The promotion order of environments the source does not order (a ledger directory only lists names):
 * by the usual tier words, then by name, so {@code dev-us}, {@code staging-us}, {@code production-us} come
 * out in that order. Give the order explicitly ({@code --environments}) whenever the names do not say it.
 */
public final class PromotionOrder {

    /** Earlier tiers first; each word is matched as a whole dash- or dot-separated part of the name. */
    private static final List<List<String>> TIERS = List.of(
            List.of("sandbox", "local"),
            List.of("dev", "develop", "development"),
            List.of("int", "integration", "ci"),
            List.of("test", "testing", "qa"),
            List.of("uat", "acceptance"),
            List.of("stage", "staging", "stg"),
            List.of("preprod", "pre-prod", "preproduction", "perf"),
            List.of("prod", "production", "prd", "live"));

    private PromotionOrder() {}

    public static List<String> of(List<String> environments) {
        return environments.stream()
                .sorted(Comparator.comparingInt(PromotionOrder::tier).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** The tier's rank, or one past the last for names that say none (they come last). */
    static int tier(String environment) {
        String name = environment.toLowerCase(Locale.ROOT);
        for (int rank = 0; rank < TIERS.size(); rank++) {
            for (String word : TIERS.get(rank)) {
                if (name.equals(word)
                        || name.startsWith(word + "-")
                        || name.startsWith(word + ".")
                        || name.contains("-" + word + "-")
                        || name.endsWith("-" + word)) {
                    return rank;
                }
            }
        }
        return TIERS.size();
    }
}
