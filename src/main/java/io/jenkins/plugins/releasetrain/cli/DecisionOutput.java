package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.Judgement;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** How an approval decision is printed for people: its message, then every event weighed and why. */
final class DecisionOutput {

    private DecisionOutput() {}

    static void print(Terminal terminal, Decision decision) {
        UnaryOperator<String> colour = decision.isAllowed()
                ? terminal::green
                : decision instanceof Decision.Refused ? terminal::red : terminal::yellow;
        terminal.out().println(colour.apply(decision.message()));
        if (decision.judgements().isEmpty()) {
            return;
        }
        terminal.out().println();
        TextTable table = new TextTable("ACTOR", "ACTION", "STANDING", "WHY");
        for (Judgement judgement : decision.judgements()) {
            table.styledRow(
                    List.of(
                            judgement.event().actor().user(),
                            judgement.event().action().label(),
                            judgement.standing().label(),
                            judgement.message()),
                    Arrays.asList(null, null, judgement.counts() ? terminal::green : terminal::dim));
        }
        table.print(terminal);
    }
}
