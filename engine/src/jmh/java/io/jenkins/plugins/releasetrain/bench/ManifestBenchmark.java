package io.jenkins.plugins.releasetrain.bench;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parse + validate + plan of generated manifests, against the peer every YAML-reading tool pays anyway:
 * SnakeYAML's own safe load of the same bytes into plain maps, with no validation at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestBenchmark {

    @Param({"100", "1000", "5000"})
    public int artifacts;

    private byte[] next;
    private Release deployed;

    @Setup
    public void generate() {
        next = GeneratedManifests.staging(artifacts, 1).getBytes(StandardCharsets.UTF_8);
        deployed = new ManifestLoader()
                .load("deployed.yaml", GeneratedManifests.staging(artifacts, 0))
                .release();
    }

    @Benchmark
    public ReleasePlan parseValidateAndPlan() {
        Release release = new ManifestLoader().load("staging.yaml", next).release();
        return ReleasePlan.of(release, Optional.of(deployed));
    }

    @Benchmark
    public Object snakeYamlSafeLoadOnly() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        return new Yaml(new SafeConstructor(options)).load(new String(next, StandardCharsets.UTF_8));
    }
}
