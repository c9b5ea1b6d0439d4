package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.FieldChange;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ProductChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The product and artifact tables that {@code plan} and {@code diff} print, in one shared layout. */
final class ChangeTables {

    private static final String ARROW = " -> ";

    private ChangeTables() {}

    static void print(Terminal terminal, List<ProductChange> products, List<PlannedArtifact> artifacts) {
        TextTable productTable = new TextTable("PRODUCT", "CHANGE", "VERSION");
        for (ProductChange product : products) {
            productTable.styledRow(
                    List.of(product.product(), product.change().label(), versions(product.before(), product.after())),
                    Arrays.asList(null, colour(terminal, product.change())));
        }
        productTable.print(terminal);
        terminal.out().println();
        TextTable artifactTable = new TextTable("ARTIFACT", "CHANGE", "VERSION", "DETAILS");
        for (PlannedArtifact artifact : artifacts) {
            artifactTable.styledRow(
                    List.of(artifact.id(), artifact.change().label(), version(artifact), details(artifact)),
                    Arrays.asList(null, colour(terminal, artifact.change())));
        }
        artifactTable.print(terminal);
        terminal.out().println();
        terminal.out().println(summary(artifacts));
    }

    static String summary(List<PlannedArtifact> artifacts) {
        List<String> parts = new ArrayList<>();
        for (ChangeKind kind : ChangeKind.values()) {
            long n = artifacts.stream().filter(a -> a.change() == kind).count();
            if (n > 0) {
                parts.add(n + " " + kind.label());
            }
        }
        return (parts.isEmpty() ? "nothing" : String.join(", ", parts)) + " ("
                + ValidateCommand.count(artifacts.size(), "artifact") + ")";
    }

    private static String version(PlannedArtifact artifact) {
        return versions(
                artifact.beforeArtifact().map(Artifact::displayVersion).orElse(null),
                artifact.afterArtifact().map(Artifact::displayVersion).orElse(null));
    }

    private static String versions(String before, String after) {
        if (before == null) {
            return after;
        } else if (after == null || before.equals(after)) {
            return before;
        }
        return before + ARROW + after;
    }

    /** Changes the VERSION column does not show: a new job, target or repository, an explicit tag. */
    private static String details(PlannedArtifact artifact) {
        return artifact.fields().stream()
                .filter(f -> !Arrays.asList("gitCommit", "sourceTag").contains(f.field()))
                .map(ChangeTables::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(FieldChange change) {
        return change.field() + " " + change.before() + ARROW + change.after();
    }

    private static UnaryOperator<String> colour(Terminal terminal, ChangeKind change) {
        return switch (change) {
            case ADDED -> terminal::green;
            case CHANGED -> terminal::yellow;
            case REMOVED -> terminal::red;
            case UNCHANGED -> terminal::dim;
        };
    }
}
