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
 * @param evidence the success that met each requirement, in the rule's order
 * @param unmet what is missing, as a sentence; empty when every requirement is met
 */
record PromotionOrder(List<SucceededRelease> evidence, Optional<String> unmet) {

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
            Optional<SucceededRelease> match = there.stream()
                    .filter(s -> request.content().isIncludedIn(s.content()))
                    .findFirst();
            if (match.isEmpty()) {
                return new PromotionOrder(evidence, Optional.of(unmet(rule, request, upstream, there)));
            }
            evidence.add(match.get());
        }
        return new PromotionOrder(evidence, Optional.empty());
    }

    private static String unmet(
            ProtectionRule rule, ApprovalRequest request, EnvironmentPattern upstream, List<SucceededRelease> there) {
        String head = "Release " + request.releaseId().shortForm() + " cannot run in " + request.environment()
                + " yet: rule '" + rule.name() + "' requires its content to have succeeded in " + upstream
                + " first, ";
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
