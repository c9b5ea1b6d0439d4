package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retries are bounded in count and total time, jittered below an exponential ceiling, and honour Retry-After. */
class RetrierTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();

    private Retrier retrier(RetryPolicy policy) {
        return new Retrier(
                policy,
                wait -> {
                    waits.add(wait);
                    now.addAndGet(wait.toNanos());
                },
                now::get);
    }

    private static RegistryException transientFailure() {
        return RegistryException.transientFailure("HTTP 503", null, null);
    }

    @Test
    void retriesTransientFailuresWithJitterBelowAnExponentialCeiling() throws Exception {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMinutes(1));
        AtomicInteger calls = new AtomicInteger();

        String result = retrier(policy).call(() -> {
            if (calls.incrementAndGet() < 5) {
                throw transientFailure();
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(5);
        assertThat(waits).hasSize(4);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(Duration.ZERO, policy.backoffCeiling(i + 1));
        }
        assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void stopsAfterMaxAttemptsAndSaysHowMany() {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMinutes(1));

        assertThatThrownBy(() -> retrier(policy).call(() -> {
                    calls.incrementAndGet();
                    throw transientFailure();
                }))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(calls).hasValue(3);
    }

    @Test
    void neverRetriesAPermanentFailure() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(() -> {
                    calls.incrementAndGet();
                    throw RegistryException.permanent("HTTP 404");
                }))
                .hasMessage("HTTP 404");
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void givesUpInsteadOfWaitingPastTheTotalTimeBound() {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));

        assertThatThrownBy(() -> retrier(policy).call(() -> {
                    calls.incrementAndGet();
                    throw RegistryException.transientFailure("HTTP 429", Duration.ofSeconds(60), null);
                }))
                .hasMessageContaining("after 1 attempts");
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsks() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(1));

        retrier(policy).call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw RegistryException.transientFailure("HTTP 429", Duration.ofSeconds(2), null);
            }
            return null;
        });

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }
}
