package io.jenkins.plugins.releasetrain.bench;

import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
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
 * The changelog of a release that changes 100 deployments, 50 commits each, from a warm cache of
 * repositories reached by file:// URLs, against what a script would do instead: one {@code git log
 * live..release} process per repository over the same repositories, run one after another.
 *
 * <p>{@code bench/changelog.sh} runs it and prints the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChangelogBenchmark {

    @Param({"100"})
    public int deployments;

    @Param({"50"})
    public int commitsEach;

    private Path directory;
    private Changelogs changelogs;
    private ReleasePlan plan;
    private final List<String[]> ranges = new ArrayList<>();

    @Setup(Level.Trial)
    public void repositories() throws Exception {
        directory = Files.createTempDirectory("changelog-benchmark");
        StringBuilder live = new StringBuilder();
        StringBuilder next = new StringBuilder();
        for (int i = 0; i < deployments; i++) {
            String name = "service-" + i;
            Path bare = directory.resolve("remotes").resolve(name + ".git");
            RevCommit[] ends = history(directory.resolve("work").resolve(name), bare, i);
            live.append(deployment(name, ends[0].name()));
            next.append(deployment(name, ends[1].name()));
            ranges.add(new String[] {bare.toString(), ends[0].name() + ".." + ends[1].name()});
        }
        plan = ReleasePlan.of(release(next), Optional.of(release(live)));
        changelogs = new Changelogs(
                new RepositoryLocator(
                        Optional.of(directory.resolve("remotes").toUri() + "{gitRepoName}.git"), Map.of()),
                GitAccess.anonymous(directory.resolve("cache")),
                ChangelogOptions.defaults(),
                ImageOrigins.NONE,
                Clock.systemUTC());
        check(changelog(), "the first, fetching");
        int counted = gitLogLoop();
        if (counted != deployments * commitsEach) {
            throw new IllegalStateException("git log found " + counted + " commits");
        }
    }

    @TearDown(Level.Trial)
    public void checkAndDelete() throws IOException {
        check(changelog(), "the last");
        BenchFiles.deleteTree(directory);
    }

    private void check(ReleaseChangelog changelog, String which) {
        if (changelog.commitsAdded() != deployments * commitsEach) {
            throw new IllegalStateException(which + " changelog found " + changelog.commitsAdded() + " commits: "
                    + changelog.artifacts().get(0).summary());
        }
    }

    /** Ours: every artifact's commits, with subjects, authors, dates, pull requests and issue keys. */
    @Benchmark
    public ReleaseChangelog changelog() {
        return changelogs.of(plan);
    }

    /** The baseline: {@code git log} with the same fields, one process per repository. */
    @Benchmark
    public int gitLogLoop() throws IOException, InterruptedException {
        int lines = 0;
        for (String[] range : ranges) {
            Process git = new ProcessBuilder(
                            "git",
                            "--git-dir=" + range[0],
                            "log",
                            "--format=%H%x00%an%x00%aI%x00%s%x00%b%x1e",
                            range[1])
                    .redirectErrorStream(true)
                    .start();
            try (InputStream out = git.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                lines += (int) text.chars().filter(c -> c == 0x1e).count();
            }
            if (git.waitFor() != 0) {
                throw new IllegalStateException("git log failed in " + range[0]);
            }
        }
        return lines;
    }

    /** One base commit, then {@code commitsEach} commits on top; pushed to a bare repository. */
    private RevCommit[] history(Path work, Path bare, int seed) throws Exception {
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            PersonIdent author = new PersonIdent("Dev " + seed, "dev" + seed + "@example.com");
            RevCommit base = commit(git, author, "README.md", "base", "Initial import");
            RevCommit last = base;
            for (int c = 0; c < commitsEach; c++) {
                String subject = c % 5 == 0
                        ? "Merge pull request #" + (1000 + c) + " from acme/topic-" + c
                        : "SVC-" + (seed * 100 + c) + " change " + c + " (#" + (2000 + c) + ")";
                last = commit(git, author, "file-" + (c % 7) + ".txt", seed + ":" + c, subject);
            }
            Git.init()
                    .setBare(true)
                    .setDirectory(bare.toFile())
                    .setInitialBranch("main")
                    .call()
                    .close();
            git.push()
                    .setRemote(bare.toUri().toString())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
                    .call();
            return new RevCommit[] {base, last};
        }
    }

    private static RevCommit commit(Git git, PersonIdent author, String file, String content, String message)
            throws Exception {
        Files.writeString(git.getRepository().getWorkTree().toPath().resolve(file), content);
        git.add().addFilepattern(file).call();
        return git.commit()
                .setMessage(message)
                .setAuthor(author)
                .setCommitter(author)
                .setSign(false)
                .call();
    }

    private static String deployment(String name, String commit) {
        return """
                      - gitRepoName: %s
                        gitRepoShortName: %s
                        gitCommit: %s
                        workflowBase: lambda-job
                        deployTarget: lambda
                """.formatted(name, name, commit);
    }

    private static Release release(CharSequence deploymentsYaml) {
        return new ManifestLoader().load("bench.yaml", """
                        environment:
                          name: production-us-east-2
                          shortName: prod-us
                          destinationTagPrefix: prod_us
                        products:
                          - name: product1
                            releaseVersion: 1.0.0
                            releaseCandidate: 1
                            deployments:
                        """ + deploymentsYaml).release();
    }
}
