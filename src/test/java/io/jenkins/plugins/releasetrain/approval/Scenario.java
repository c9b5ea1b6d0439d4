package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One approval situation, built the way the tables read: the production release of the examples, the people
 * of a small team, and events placed relative to a fixed "now" (a Wednesday, outside any freeze).
 */
final class Scenario {

    static final Instant NOW = Instant.parse("2026-10-21T10:00:00Z");
    static final String ALICE_COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    static final Release PRODUCTION = load("production-us-east-2.yaml");
    static final Release STAGING = load("staging-us-east-2.yaml");
    /** Production's manifest after promoting staging's content into it: same versions, other environment. */
    static final Release PROMOTED = promoted();

    static final ReleaseId OTHER_CONTENT = new ReleaseId("ab".repeat(32));

    /** The people: alice wrote the release, carol started it; bob, dana, erin, alice and carol lead releases. */
    static final ReleaseAuthor ALICE_AUTHORED =
            ReleaseAuthor.author("Alice Liddell", "alice@example.com", ALICE_COMMIT);

    static final ProtectionRule TWO_LEADS = ProtectionRule.protecting("production", "production-*")
            .withApprovals(2, Approvers.groups("release-leads"))
            .withApprovalExpiry(Duration.ofHours(24));

    private final ProtectionRule rule;
    private final Release release;
    private final Optional<Release> deployed;
    private final List<ApprovalEvent> events = new ArrayList<>();
    private final List<SucceededRelease> successes = new ArrayList<>();
    private Participants participants = Participants.startedBy(Identity.of("carol"), ALICE_AUTHORED);

    private Scenario(ProtectionRule rule, Release release, Optional<Release> deployed) {
        this.rule = rule;
        this.release = release;
        this.deployed = deployed;
    }

    static Scenario under(ProtectionRule rule) {
        return new Scenario(rule, PRODUCTION, Optional.empty());
    }

    Scenario releasing(Release other) {
        Scenario copy = new Scenario(rule, other, deployed);
        copy.events.addAll(events);
        copy.successes.addAll(successes);
        copy.participants = participants;
        return copy;
    }

    Scenario deployedAlready() {
        Scenario copy = new Scenario(rule, release, Optional.of(release));
        copy.events.addAll(events);
        copy.successes.addAll(successes);
        copy.participants = participants;
        return copy;
    }

    Scenario with(Participants people) {
        this.participants = people;
        return this;
    }

    Scenario event(Event event) {
        events.add(event.toEvent(release));
        return this;
    }

    Scenario events(Event... many) {
        for (Event event : many) {
            event(event);
        }
        return this;
    }

    Scenario succeeded(Release upstream, Instant at) {
        successes.add(
                new SucceededRelease(upstream.environment().name(), upstream.id(), ReleaseContent.of(upstream), at));
        return this;
    }

    /** {@code upstream} succeeded at {@code at} and its verification passed at {@code verifiedAt}. */
    Scenario verified(Release upstream, Instant at, Instant verifiedAt) {
        successes.add(new SucceededRelease(
                upstream.environment().name(),
                upstream.id(),
                ReleaseContent.of(upstream),
                at,
                java.util.Optional.of(verifiedAt)));
        return this;
    }

    ApprovalRequest request() {
        return ApprovalRequest.of(
                ReleasePlan.of(release, deployed), ApprovalHistory.of(events, successes), participants);
    }

    Decision decideAt(Instant now) {
        return ApprovalGate.decide(Optional.of(rule), request(), now);
    }

    Decision decide() {
        return decideAt(NOW);
    }

    AttemptResult attempt(Identity actor, ApprovalAction action, String comment, Instant now) {
        return ApprovalGate.judge(Optional.of(rule), request(), new ApprovalAttempt(actor, action, comment), now);
    }

    static Event lead(String user) {
        return new Event(Identity.of(user).withGroups("release-leads"));
    }

    static Event person(Identity identity) {
        return new Event(identity);
    }

    /** An approval event under construction: who, what, when (relative to {@link #NOW}), for which content. */
    static final class Event {
        private final Identity actor;
        private ApprovalAction action = ApprovalAction.APPROVE;
        private String comment = "";
        private Instant at = NOW.minus(Duration.ofHours(1));
        private boolean otherContent;

        Event(Identity actor) {
            this.actor = actor;
        }

        Event rejects(String why) {
            action = ApprovalAction.REJECT;
            comment = why;
            return this;
        }

        Event overrides(String why) {
            action = ApprovalAction.EMERGENCY_OVERRIDE;
            comment = why;
            return this;
        }

        Event bypasses(String why) {
            action = ApprovalAction.BYPASS;
            comment = why;
            return this;
        }

        Event ago(Duration age) {
            at = NOW.minus(age);
            return this;
        }

        Event at(Instant instant) {
            at = instant;
            return this;
        }

        Event forOtherContent() {
            otherContent = true;
            return this;
        }

        ApprovalEvent toEvent(Release release) {
            return new ApprovalEvent(
                    otherContent ? OTHER_CONTENT : release.id(),
                    release.environment().name(),
                    actor,
                    action,
                    comment,
                    at);
        }
    }

    private static Release load(String example) {
        return new ManifestLoader().load(Fixtures.example(example)).release();
    }

    private static Release promoted() {
        String text = Fixtures.exampleText("production-us-east-2.yaml")
                .replace("3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "4f545ec8f09c81ac645926f755ba13f46434f636")
                .replace("2617569ff9c1478317fbdf6b0e94091233deecbb", "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952")
                .replace("sourceTag: dev_401", "sourceTag: dev_456")
                .replace("releaseCandidate: 1", "releaseCandidate: 2");
        return new ManifestLoader().load("production-promoted.yaml", text).release();
    }
}
