package io.jenkins.plugins.releasetrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Property(tries = 2000)
    void readsBackWhatInstantToStringWroteExactly(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);

        assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
    }

    @Property(tries = 500)
    void agreesWithInstantParseOnWholeMillisAndSeconds(
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds,
            @ForAll @IntRange(min = 0, max = 999) int millis) {
        Instant instant = Instant.ofEpochSecond(seconds, millis * 1_000_000L);

        assertThat(IsoInstants.parse(instant.toString())).isEqualTo(Instant.parse(instant.toString()));
    }

    @Test
    void answersExactlyAsInstantParseDoesForAnythingElse() {
        for (String text : List.of(
                "+12026-01-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T00:00:00.Z",
                "2026-01-01T00:00:00.1234567891Z",
                "2026-01-01T00:00:60Z",
                "2026-1-01T00:00:00Z",
                "yesterday")) {
            Object expected = outcome(() -> Instant.parse(text));

            assertThat(outcome(() -> IsoInstants.parse(text))).as(text).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatIsNotAnInstant() {
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoInstants.parse("yesterday")).isInstanceOf(DateTimeException.class);
    }

    /** The instant, or the class of the exception. */
    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (DateTimeException e) {
            return DateTimeException.class;
        }
    }
}
