package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a row of a decision table expects: the kind of decision, who counts, how each event stands, what it says. */
final class Expect {

    private final Class<? extends Decision> kind;
    private final Object detail;
    private final List<String> counted = new ArrayList<>();
    private final Map<String, List<Standing>> standings = new LinkedHashMap<>();
    private final List<String> says = new ArrayList<>();
    private boolean countedGiven;

    private Expect(Class<? extends Decision> kind, Object detail) {
        this.kind = kind;
        this.detail = detail;
    }

    static Expect allowed(Decision.Grounds grounds) {
        return new Expect(Decision.Allowed.class, grounds);
    }

    static Expect needs(int missing) {
        return new Expect(Decision.NeedsApprovals.class, missing);
    }

    static Expect refused(Decision.RefusalReason reason) {
        return new Expect(Decision.Refused.class, reason);
    }

    /** The users whose events count (approvals, overrides, a rejection or a bypass). */
    Expect counting(String... users) {
        counted.addAll(List.of(users));
        countedGiven = true;
        return this;
    }

    /** How {@code user}'s events stand, oldest first. */
    Expect judging(String user, Standing... expected) {
        standings.put(user, List.of(expected));
        return this;
    }

    /** A phrase the decision's explanation must contain. */
    Expect saying(String phrase) {
        says.add(phrase);
        return this;
    }

    void check(Decision decision) {
        String explanation = String.join("\n", decision.explanation());
        assertThat(decision).as(explanation).isInstanceOf(kind);
        if (decision instanceof Decision.Allowed a) {
            assertThat(a.grounds()).as(explanation).isEqualTo(detail);
        } else if (decision instanceof Decision.NeedsApprovals n) {
            assertThat(n.missing()).as(explanation).isEqualTo(detail);
        } else if (decision instanceof Decision.Refused r) {
            assertThat(r.reason()).as(explanation).isEqualTo(detail);
        }
        if (countedGiven) {
            assertThat(decision.counted().stream().map(j -> j.event().actor().user()))
                    .as(explanation)
                    .containsExactlyInAnyOrderElementsOf(counted);
        }
        standings.forEach((user, expected) -> assertThat(decision.judgements().stream()
                        .filter(j -> j.event().actor().user().equals(user))
                        .map(Judgement::standing))
                .as(user + " in:\n" + explanation)
                .containsExactlyElementsOf(expected));
        says.forEach(phrase -> assertThat(explanation).contains(phrase));
    }

    @Override
    public String toString() {
        return kind.getSimpleName() + " " + detail;
    }
}
