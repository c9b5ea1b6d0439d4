package io.jenkins.plugins.releasetrain.image;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Promotes the images of a release: makes each destination tag point at exactly the manifest its
 * source tag points at (same bytes, same digest), with bounded concurrency and retries.
 *
 * <p>Idempotent: a destination already at the source digest is {@code unchanged} and not written; one
 * at another digest is refused unless {@link PromotionOptions#force()}. A failed image never stops the
 * others; re-running the same requests finishes what is left.
 */
public final class ImagePromotion {

    private final ImageRegistry source;
    private final ImageRegistry destination;
    private final PromotionOptions options;
    private final Clock clock;

    public ImagePromotion(ImageRegistry source, ImageRegistry destination, PromotionOptions options, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ImagePromotion(ImageRegistry source, ImageRegistry destination, PromotionOptions options) {
        this(source, destination, options, Clock.systemUTC());
    }

    /** Source and destination tags in the same registry (the usual case). */
    public ImagePromotion(ImageRegistry registry, PromotionOptions options) {
        this(registry, registry, options);
    }

    public PromotionReport run(List<PromotionRequest> requests) {
        return run(requests, PromotionListener.NONE);
    }

    public PromotionReport run(List<PromotionRequest> requests, PromotionListener listener) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        ImageResult[] results = new ImageResult[requests.size()];
        List<Integer> runnable = new ArrayList<>();
        Map<ImageRef, String> destinations = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            PromotionRequest request = requests.get(i);
            Optional<String> problem = problem(request, destinations);
            if (problem.isPresent()) {
                results[i] = failed(request, clock.instant(), 0, null, problem.get());
                listener.imageDone(results[i]);
            } else {
                runnable.add(i);
            }
        }
        if (!runnable.isEmpty()) {
            KnownTags known = lookup(requests, runnable);
            runAll(requests, runnable, known, results, listener);
        }
        return new PromotionReport(
                destination.reference(),
                source == destination ? null : source.reference(),
                options.dryRun(),
                options.force(),
                started,
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                List.of(results));
    }

    /** Grammar first, so that no bad name ever reaches a URL or a path; then duplicate destinations. */
    private static Optional<String> problem(PromotionRequest request, Map<ImageRef, String> destinations) {
        Optional<String> problem = ImageNames.repositoryProblem(request.sourceRepository())
                .map(p -> "source " + p)
                .or(() -> ImageNames.problem(request.source()).map(p -> "source " + p))
                .or(() -> ImageNames.repositoryProblem(request.destinationRepository())
                        .map(p -> "destination " + p))
                .or(() -> ImageNames.tagProblem(request.destinationTag()).map(p -> "destination " + p));
        if (problem.isPresent()) {
            return problem;
        }
        String earlier = destinations.putIfAbsent(request.destination(), request.artifactId());
        if (earlier != null) {
            return Optional.of("destination " + request.destination() + " is also the destination of " + earlier);
        }
        return Optional.empty();
    }

    private KnownTags lookup(List<PromotionRequest> requests, List<Integer> runnable) {
        List<ImageRef> sources =
                runnable.stream().map(i -> requests.get(i).source()).toList();
        List<ImageRef> destinationRefs =
                runnable.stream().map(i -> requests.get(i).destination()).toList();
        if (source == destination) {
            return destination.lookup(sources, destinationRefs);
        }
        return source.lookup(sources, List.of()).with(destination.lookup(List.of(), destinationRefs));
    }

    private void runAll(
            List<PromotionRequest> requests,
            List<Integer> runnable,
            KnownTags known,
            ImageResult[] results,
            PromotionListener listener) {
        Retrier retrier = new Retrier(options.retry(), options.sleeper(), System::nanoTime);
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.min(options.concurrency(), runnable.size()), new WorkerThreads());
        try {
            Map<Integer, Future<ImageResult>> futures = new HashMap<>();
            for (int i : runnable) {
                PromotionRequest request = requests.get(i);
                futures.put(i, pool.submit(() -> {
                    ImageResult result = promote(request, known, retrier);
                    listener.imageDone(result);
                    return result;
                }));
            }
            for (int i : runnable) {
                results[i] = await(requests.get(i), futures.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ImageResult await(PromotionRequest request, Future<ImageResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return failed(request, clock.instant(), 0, null, "interrupted before it finished");
        } catch (ExecutionException e) {
            return failed(request, clock.instant(), 0, null, "unexpected error: " + e.getCause());
        }
    }

    private ImageResult promote(PromotionRequest request, KnownTags known, Retrier retrier) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Outcome outcome;
        try {
            outcome = decideAndWrite(request, known, retrier);
        } catch (RegistryException e) {
            outcome = Outcome.failed(null, e.getMessage());
        } catch (RuntimeException e) {
            // One broken image (a registry answering nonsense) must not take the release's other images down.
            outcome = Outcome.failed(null, "unexpected error: " + e);
        }
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        return new ImageResult(
                request.artifactId(),
                request.source().toString(),
                request.destination().toString(),
                outcome.status,
                outcome.digest == null ? null : outcome.digest.toString(),
                outcome.mediaType == null || outcome.mediaType.isEmpty() ? null : outcome.mediaType,
                outcome.previous == null ? null : outcome.previous.toString(),
                outcome.reason,
                outcome.copied,
                outcome.mounted,
                started,
                millis);
    }

    private Outcome decideAndWrite(PromotionRequest request, KnownTags known, Retrier retrier)
            throws RegistryException {
        ImageRef sourceRef = request.source();
        ImageRef destinationRef = request.destination();
        TagState destinationState = stateOf(known, destinationRef, destination, retrier);
        if (destinationState instanceof TagState.Unreadable unreadable) {
            return Outcome.failed(null, "cannot read destination " + destinationRef + ": " + unreadable.reason());
        }
        Digest previous = null;
        ImageManifest manifest;
        if (destinationState instanceof TagState.Present present) {
            TagState sourceState = stateOf(known, sourceRef, source, retrier);
            if (!(sourceState instanceof TagState.Present sourcePresent)) {
                return sourceProblem(sourceRef, sourceState);
            }
            if (sourcePresent.digest().equals(present.digest())) {
                String mediaType =
                        sourcePresent.mediaType().isEmpty() ? present.mediaType() : sourcePresent.mediaType();
                return new Outcome(PromotionStatus.UNCHANGED, sourcePresent.digest(), mediaType, null, null, 0, 0);
            }
            if (!options.force()) {
                return Outcome.failed(
                        sourcePresent.digest(),
                        "destination " + destinationRef + " already points at " + present.digest()
                                + ", not at the source's " + sourcePresent.digest()
                                + "; moving an environment tag needs force (--force)");
            }
            previous = present.digest();
            Optional<ImageManifest> fetched = sourcePresent.manifest().isPresent()
                    ? sourcePresent.manifest()
                    : retrier.call(() -> source.manifest(sourceRef));
            if (fetched.isEmpty()) {
                return sourceProblem(sourceRef, TagState.missing());
            }
            manifest = fetched.get();
        } else {
            Optional<TagState> sourceKnown = known.get(sourceRef);
            if (sourceKnown.isPresent() && !(sourceKnown.get() instanceof TagState.Present)) {
                return sourceProblem(sourceRef, sourceKnown.get());
            }
            Optional<ImageManifest> fetched = sourceKnown
                    .filter(TagState.Present.class::isInstance)
                    .map(TagState.Present.class::cast)
                    .flatMap(TagState.Present::manifest);
            if (fetched.isEmpty()) {
                fetched = retrier.call(() -> source.manifest(sourceRef));
            }
            if (fetched.isEmpty()) {
                return sourceProblem(sourceRef, TagState.missing());
            }
            manifest = fetched.get();
        }
        if (options.dryRun()) {
            return new Outcome(
                    PromotionStatus.WOULD_TAG, manifest.digest(), manifest.mediaType(), previous, null, 0, 0);
        }
        return write(request, manifest, previous, retrier);
    }

    /** What the lookup already learned about {@code ref}, else the registry's answer to a cheap digest read. */
    private static TagState stateOf(KnownTags known, ImageRef ref, ImageRegistry registry, Retrier retrier)
            throws RegistryException {
        Optional<TagState> learned = known.get(ref);
        return learned.isPresent() ? learned.get() : retrier.call(() -> registry.digest(ref));
    }

    private Outcome write(PromotionRequest request, ImageManifest manifest, Digest previous, Retrier retrier)
            throws RegistryException {
        ContentCopier.Transfer transfer = new ContentCopier.Transfer(0, 0, 0);
        boolean crossing = source != destination || !request.sourceRepository().equals(request.destinationRepository());
        if (crossing && source.blobs().isPresent() && destination.blobs().isPresent()) {
            transfer = new ContentCopier(source, destination, retrier)
                    .copy(request.sourceRepository(), request.destinationRepository(), manifest);
        }
        PutResult put = retrier.call(() -> destination.putManifest(request.destination(), manifest));
        Digest stored = put.digest();
        if (!stored.equals(manifest.digest())) {
            return Outcome.failed(
                    manifest.digest(),
                    destination.reference() + " stored " + request.destination() + " as " + stored + " instead of "
                            + manifest.digest() + "; the registry rewrote the manifest");
        }
        return new Outcome(
                put.changed() ? PromotionStatus.TAGGED : PromotionStatus.UNCHANGED,
                manifest.digest(),
                manifest.mediaType(),
                previous,
                null,
                transfer.copied(),
                transfer.mounted());
    }

    private Outcome sourceProblem(ImageRef sourceRef, TagState state) {
        if (state instanceof TagState.Unreadable unreadable) {
            return Outcome.failed(null, "cannot read source " + sourceRef + ": " + unreadable.reason());
        }
        return Outcome.failed(null, "source " + sourceRef + " not found in " + source.reference());
    }

    private static ImageResult failed(PromotionRequest request, Instant at, long millis, Digest digest, String reason) {
        return new ImageResult(
                request.artifactId(),
                request.source().toString(),
                request.destination().toString(),
                PromotionStatus.FAILED,
                digest == null ? null : digest.toString(),
                null,
                null,
                reason,
                0,
                0,
                at,
                millis);
    }

    private record Outcome(
            PromotionStatus status,
            Digest digest,
            String mediaType,
            Digest previous,
            String reason,
            int copied,
            int mounted) {
        static Outcome failed(Digest digest, String reason) {
            return new Outcome(PromotionStatus.FAILED, digest, null, null, reason, 0, 0);
        }
    }

    /** Daemon threads, so a stuck registry can never keep a CLI or an agent JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "release-train-image-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
