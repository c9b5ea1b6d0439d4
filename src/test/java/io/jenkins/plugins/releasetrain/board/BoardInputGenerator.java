package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes a realistic board input: a train of releases promoted environment after environment, each changing
 * a few artifacts, with some failed artifacts, a run still going in the first environment and a release
 * awaiting approval in the last. The same settings always give the same input.
 *
 * @param releases how many releases left the first environment; later environments lag behind by up to 3
 */
public record BoardInputGenerator(
        int environments,
        int products,
        int artifactsPerProduct,
        int releases,
        int changeOneIn,
        int failOneIn,
        long seed,
        List<String> actors) {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String[] TIERS = {"dev", "test", "staging", "production"};
    private static final String[] PRODUCTS = {
        "payments", "catalog", "search", "checkout", "identity", "notifications", "reporting", "inventory"
    };

    public BoardInputGenerator {
        actors = List.copyOf(actors);
    }

    public static BoardInputGenerator small() {
        return new BoardInputGenerator(4, 3, 5, 6, 3, 20, 7L, List.of("alice", "bob", "carol", "dmitri"));
    }

    /** The board the benchmark draws: 50 environments and 500 artifacts. */
    public static BoardInputGenerator large() {
        return new BoardInputGenerator(
                50, 25, 20, 12, 8, 25, 11L, List.of("alice", "bob", "carol", "dmitri", "eun-ji"));
    }

    public BoardInputGenerator withActors(List<String> names) {
        return new BoardInputGenerator(
                environments, products, artifactsPerProduct, releases, changeOneIn, failOneIn, seed, names);
    }

    public BoardInput generate() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Artifact> artifacts = artifacts();
        List<Map<String, Integer>> train = train(artifacts, random);
        List<EnvironmentInput> inputs = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            inputs.add(environment(e, artifacts, train, random));
        }
        return new BoardInput(START.plus(Duration.ofDays(releases + 2L)), inputs);
    }

    private record Artifact(String id, String product, ArtifactKind kind) {}

    private List<Artifact> artifacts() {
        List<Artifact> artifacts = new ArrayList<>();
        for (int p = 0; p < products; p++) {
            String product = productName(p);
            for (int a = 0; a < artifactsPerProduct; a++) {
                boolean image = a % 3 == 2;
                String name = image ? product + "/service-" + a : "component-" + a;
                ArtifactKind kind = image ? ArtifactKind.IMAGE : ArtifactKind.DEPLOYMENT;
                artifacts.add(new Artifact(
                        io.jenkins.plugins.releasetrain.manifest.Artifact.id(product, kind, name), product, kind));
            }
        }
        return artifacts;
    }

    private String productName(int p) {
        String base = PRODUCTS[p % PRODUCTS.length];
        return p < PRODUCTS.length ? base : base + "-" + (p / PRODUCTS.length + 1);
    }

    /** Release r gives each artifact a generation; each later release bumps one in {@code changeOneIn}. */
    private List<Map<String, Integer>> train(List<Artifact> artifacts, SplittableRandom random) {
        List<Map<String, Integer>> train = new ArrayList<>();
        Map<String, Integer> current = new LinkedHashMap<>();
        artifacts.forEach(a -> current.put(a.id(), 0));
        train.add(Map.copyOf(current));
        for (int r = 1; r <= releases; r++) {
            for (Artifact artifact : artifacts) {
                if (random.nextInt(changeOneIn) == 0) {
                    current.merge(artifact.id(), 1, Integer::sum);
                }
            }
            train.add(Map.copyOf(current));
        }
        return train;
    }

    private int lag(int environment) {
        return environments == 1 ? 0 : environment * 3 / (environments - 1);
    }

    private EnvironmentInput environment(
            int e, List<Artifact> artifacts, List<Map<String, Integer>> train, SplittableRandom random) {
        String tier = TIERS[Math.min(TIERS.length - 1, e * TIERS.length / environments)];
        String name = environments <= TIERS.length ? tier + "-us-east-2" : String.format("%s-%02d", tier, e + 1);
        String shortName = environments <= TIERS.length ? tier : String.format("%s%02d", tier.charAt(0), e + 1);
        int last = releases - lag(e);
        boolean firstEnvironment = e == 0;
        boolean lastEnvironment = e == environments - 1 && environments > 1;
        Map<String, Integer> live = new LinkedHashMap<>();
        Map<String, ArtifactState> current = new LinkedHashMap<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (int r = 0; r <= last; r++) {
            boolean running = firstEnvironment && r == last && r > 0;
            Status runStatus = running ? Status.RUNNING : Status.SUCCEEDED;
            // the second environment's last run always fails one artifact, so every board shows a failure
            boolean failFirst = e == 1 && r == last && r > 0;
            history.add(run(e, r, train.get(r), artifacts, live, current, runStatus, failFirst, random));
        }
        List<PendingApproval> approvals = new ArrayList<>();
        if (lastEnvironment && last < releases) {
            int next = last + 1;
            history.add(
                    run(e, next, train.get(next), artifacts, live, current, Status.PENDING_APPROVAL, false, random));
            approvals.add(new PendingApproval(
                    releaseId(next),
                    List.of(actor(next + 1)),
                    1,
                    "https://jenkins.example.com/job/release/" + next + "/input/"));
        }
        List<ArtifactState> states = artifacts.stream()
                .map(a -> current.get(a.id()))
                .filter(s -> s != null)
                .toList();
        return new EnvironmentInput(name, shortName, states, history, approvals);
    }

    private HistoryEntry run(
            int e,
            int r,
            Map<String, Integer> release,
            List<Artifact> artifacts,
            Map<String, Integer> live,
            Map<String, ArtifactState> current,
            Status mode,
            boolean failFirst,
            SplittableRandom random) {
        Instant started = START.plus(Duration.ofDays(r))
                .plus(Duration.ofHours(2L * lag(e)))
                .plus(Duration.ofMinutes(e));
        String actor = actor(r + e);
        Map<String, Artifact> byId = new LinkedHashMap<>();
        artifacts.forEach(a -> byId.put(a.id(), a));
        List<ArtifactResult> results = new ArrayList<>();
        boolean failed = false;
        int index = 0;
        for (Artifact artifact : artifacts) {
            int generation = release.get(artifact.id());
            if (Integer.valueOf(generation).equals(live.get(artifact.id()))) {
                continue;
            }
            Instant at = started.plus(Duration.ofSeconds(20L + 7L * index++));
            Status status = mode;
            if (mode == Status.RUNNING && index % 2 == 0) {
                status = Status.SUCCEEDED;
            } else if (mode == Status.SUCCEEDED
                    && r > 0
                    && (failFirst && index == 1 || random.nextInt(failOneIn) == 0)) {
                status = Status.FAILED;
                failed = true;
            }
            if (mode == Status.PENDING_APPROVAL || mode == Status.RUNNING && status == Status.RUNNING) {
                at = started;
            }
            ArtifactResult result = new ArtifactResult(
                    artifact.id(),
                    artifact.product(),
                    artifact.kind(),
                    version(artifact, generation),
                    null,
                    "1." + r + ".0",
                    status,
                    at);
            results.add(result);
            if (status == Status.SUCCEEDED) {
                live.put(artifact.id(), generation);
            }
        }
        Status runStatus = failed ? Status.FAILED : mode;
        Instant ended = mode == Status.SUCCEEDED
                ? results.isEmpty()
                        ? started.plusSeconds(5)
                        : results.get(results.size() - 1).at().plusSeconds(3)
                : null;
        // every third run comes from the command line, without a build page
        String page = r % 3 == 2 ? null : "https://jenkins.example.com/job/release-" + (e + 1) + "/" + (r + 1) + "/";
        HistoryEntry run = new HistoryEntry(
                String.format("%d-%d", e + 1, r + 1), releaseId(r), runStatus, started, ended, actor, results, page);
        for (ArtifactResult result : results) {
            Integer liveGeneration = live.get(result.artifactId());
            Artifact artifact = byId.get(result.artifactId());
            current.put(
                    result.artifactId(),
                    result.asStateOf(run)
                            .withLiveVersion(liveGeneration == null ? null : version(artifact, liveGeneration)));
        }
        return run;
    }

    private String actor(int n) {
        return actors.get(Math.floorMod(n, actors.size()));
    }

    static String releaseId(int release) {
        return sha256("release-" + release);
    }

    private static String version(Artifact artifact, int generation) {
        if (artifact.kind() == ArtifactKind.IMAGE) {
            return "2026." + (3 + generation / 28) + "." + (1 + generation % 28) + "-b" + (100 + generation * 7);
        }
        return sha256(artifact.id() + "@" + generation).substring(0, 40);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
