package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the release's content has succeeded in each environment the rule requires first. Each required
 * name or glob must be met by one successful release, in a matching environment other than the target, that
 * included every artifact of this content at the same version.
 *
 * <p>When the rule asks for verified upstream releases ({@link VerifiedUpstream}), only a success whose verification
 * passed counts; with a bake time, the content must have been live there (verified, when that is asked) at least
 * that long.
 *
 * @param evidence the success that met each requirement, in the rule's order
 * @param unmet what is missing, as a sentence; empty when every requirement is met
 * @param readyAt when a bake time is all that is missing: when the content will have baked long enough
 */
record PromotionOrder(List<SucceededRelease> evidence, Optional<String> unmet, Optional<Instant> readyAt) {

    PromotionOrder(List<SucceededRelease> evidence, Optional<String> unmet) {
        this(evidence, unmet, Optional.empty());
    }

    private static final int DIFFERENCES_SHOWN = 5;

    static PromotionOrder check(ProtectionRule rule, ApprovalRequest request, Instant now) {
        List<SucceededRelease> evidence = new ArrayList<>();
        for (EnvironmentPattern upstream : rule.requires()) {
            List<SucceededRelease> there = request.history().successes().stream()
                    .filter(s -> upstream.matches(s.environment())
                            && !s.environment().equals(request.environment())
                            && !s.finishedAt().isAfter(now))
                    .sorted(Comparator.comparing(SucceededRelease::finishedAt).reversed())
                    .toList();
            List<SucceededRelease> including = there.stream()
                    .filter(s -> request.content().isIncludedIn(s.content()))
                    .toList();
            if (including.isEmpty()) {
                return new PromotionOrder(evidence, Optional.of(unmet(rule, request, upstream, there)));
            }
            VerifiedUpstream asked = rule.verifiedUpstream();
            List<SucceededRelease> counted = including.stream()
                    .filter(s -> !asked.required() || s.verifiedAt().isPresent())
                    .toList();
            if (counted.isEmpty()) {
                return new PromotionOrder(
                        evidence,
                        Optional.of(head(rule, request, upstream) + "and verified there; it succeeded in "
                                + including.get(0).environment() + " at "
                                + Wording.time(including.get(0).finishedAt())
                                + " but was not verified. Run its verification there, or release it there again."));
            }
            // The earliest qualifying moment is the one that has baked longest.
            SucceededRelease earliest = counted.stream()
                    .min(Comparator.comparing(s -> since(s, asked)))
                    .orElseThrow();
            if (asked.bakeTime().isPresent()) {
                Instant ready = since(earliest, asked).plus(asked.bakeTime().get());
                if (ready.isAfter(now)) {
                    return new PromotionOrder(
                            evidence,
                            Optional.of("Release " + request.releaseId().shortForm() + " cannot run in "
                                    + request.environment() + " yet: rule '" + rule.name() + "' requires its content"
                                    + " to have been " + (asked.required() ? "verified" : "live") + " in " + upstream
                                    + " for "
                                    + Wording.duration(asked.bakeTime().get()) + ". It can run after "
                                    + Wording.time(ready) + ", when it has been "
                                    + (asked.required() ? "verified" : "live") + " in " + earliest.environment()
                                    + " for "
                                    + Wording.duration(asked.bakeTime().get()) + "."),
                            Optional.of(ready));
                }
            }
            evidence.add(earliest);
        }
        return new PromotionOrder(evidence, Optional.empty());
    }

    /** When a success began to count: its verification when the rule asks for one, else the run's end. */
    private static Instant since(SucceededRelease success, VerifiedUpstream asked) {
        return asked.required() ? success.verifiedAt().orElse(success.finishedAt()) : success.finishedAt();
    }

    private static String head(ProtectionRule rule, ApprovalRequest request, EnvironmentPattern upstream) {
        return "Release " + request.releaseId().shortForm() + " cannot run in " + request.environment()
                + " yet: rule '" + rule.name() + "' requires its content to have succeeded in " + upstream
                + " first, ";
    }

    private static String unmet(
            ProtectionRule rule, ApprovalRequest request, EnvironmentPattern upstream, List<SucceededRelease> there) {
        String head = head(rule, request, upstream);
        if (there.isEmpty()) {
            return head + "and nothing has succeeded " + (upstream.isGlob() ? "in an environment matching " : "in ")
                    + upstream + " yet. Release it there first.";
        }
        SucceededRelease latest = there.get(0);
        List<String> missing = request.content().missingFrom(latest.content());
        List<String> shown = missing.subList(0, Math.min(DIFFERENCES_SHOWN, missing.size()));
        String more = missing.size() > shown.size() ? " (and " + (missing.size() - shown.size()) + " more)" : "";
        return head + "and no successful release there includes it. The latest, release "
                + latest.releaseId().shortForm() + " in " + latest.environment() + " at "
                + Wording.time(latest.finishedAt()) + ", differs: " + String.join("; ", shown) + more
                + ". Release this content there first.";
    }
}
