package io.jenkins.plugins.releasetrain.bench;

import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.ManifestAuthorship;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Who changed the staging manifest in a 10,000-commit history: the authorship query over the whole
 * history and since a release 1,000 commits back, against {@code git log -- <manifest>} done by JGit
 * (which finds the commits but neither follows renames nor looks at merges, trailers or committers), and
 * the whole-history query as the first call of a fresh JVM, as the command line runs it.
 *
 * <p>{@code bench/gitops-authorship.sh} runs it and prints each query's time as a ratio to the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorshipBenchmark {

    private static final int RELEASED_BACK = 1_000;

    @Param({"10000"})
    public int commits;

    private Path directory;
    private ManifestRepository repository;
    private Git git;
    private SyntheticHistory.Built history;

    @Setup(Level.Trial)
    public void buildHistory() throws Exception {
        directory = Files.createTempDirectory("authorship-benchmark");
        long start = System.nanoTime();
        history = SyntheticHistory.create(directory.resolve("infra.git"), commits, RELEASED_BACK);
        System.out.printf(
                Locale.ROOT,
                "%n%d commits (%d manifest changes) written in %d ms%n",
                history.commits(),
                history.manifestChanges(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        repository = ManifestRepository.open(
                RepositoryLocation.local(directory.resolve("infra.git")),
                GitAccess.anonymous(directory.resolve("cache")));
        git = Git.open(directory.resolve("infra.git").toFile());
    }

    private static void check(int found, int expected, String what) {
        if (found != expected) {
            throw new IllegalStateException(
                    "authorship over the " + what + " found " + found + " changes, expected " + expected);
        }
    }

    /** Checks the answers after measuring, so that the first-call benchmark really is the first call. */
    @TearDown(Level.Trial)
    public void checkAndDelete() throws IOException {
        check(wholeHistory().changes().size(), history.manifestChanges(), "whole history");
        check(sinceRelease().changes().size(), history.manifestChangesSinceRelease(), "since the release");
        repository.close();
        git.close();
        BenchFiles.deleteTree(directory);
    }

    @Benchmark
    public ManifestAuthorship wholeHistory() {
        return repository.authorship(SyntheticHistory.MANIFEST, Optional.empty(), "main");
    }

    @Benchmark
    public ManifestAuthorship sinceRelease() {
        return repository.authorship(
                SyntheticHistory.MANIFEST, Optional.of(history.released().name()), "main");
    }

    /** The command line's case: the first query of a fresh JVM, nothing JIT-compiled for it yet. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public ManifestAuthorship wholeHistoryFirstCall() {
        return wholeHistory();
    }

    /** The baseline: JGit's {@code git log -- <path>} over the same history. */
    @Benchmark
    public int gitLogOfTheManifest() throws Exception {
        int n = 0;
        for (RevCommit ignored :
                git.log().add(history.head()).addPath(SyntheticHistory.MANIFEST).call()) {
            n++;
        }
        return n;
    }
}
