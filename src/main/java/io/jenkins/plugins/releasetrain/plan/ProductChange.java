package io.jenkins.plugins.releasetrain.plan;

import java.util.Objects;

/**
 * A product's version on each side ({@code 1.9.0-rc1 → 1.9.0-rc2}); {@code null} where the product is
 * absent.
 */
public record ProductChange(String product, ChangeKind change, String before, String after) {

    public ProductChange {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(change, "change");
    }
}
