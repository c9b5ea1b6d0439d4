package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.ImagePromotion;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionOptions;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionRequest;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.image.ReleaseImages;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train tag-images MANIFEST --registry REF}: give every image of a release its environment tag. */
@Command(
        name = "tag-images",
        description = "Give every image of a release its environment tag: the destination tag is pointed at the"
                + " exact manifest of the source tag (same digest, no layer pulled or pushed). Images already"
                + " tagged are left unchanged; a destination tag at another digest is refused unless --force.",
        mixinStandardHelpOptions = true)
public final class TagImagesCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The release manifest whose images to tag.")
    private Path file;

    @Option(
            names = "--registry",
            required = true,
            paramLabel = "REF",
            description = "Where the images are: https://HOST[:PORT], http://HOST[:PORT], HOST[:PORT],"
                    + " oci-layout:DIR or ecr:REGION[:ACCOUNT].")
    private String registry;

    @Option(
            names = "--source-registry",
            paramLabel = "REF",
            description = "Read source tags from this registry and copy their content into --registry.")
    private String sourceRegistry;

    @Option(names = "--dry-run", description = "Show what would be tagged; write nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Move destination tags that point at another digest (refused otherwise).")
    private boolean force;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "8",
            description = "Images in flight at once, 1..64 (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--insecure", description = "Allow plain http for a HOST[:PORT] registry reference.")
    private boolean insecure;

    @Option(
            names = "--docker-config",
            paramLabel = "FILE",
            description = "Docker config.json with registry credentials (default: $DOCKER_CONFIG or ~/.docker).")
    private Path dockerConfig;

    @Option(names = "--aws-profile", paramLabel = "NAME", description = "ECR: the AWS profile to use.")
    private String awsProfile;

    @Option(names = "--aws-role-arn", paramLabel = "ARN", description = "ECR: a role to assume.")
    private String awsRoleArn;

    @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "ECR: another endpoint (e.g. a VPC endpoint).")
    private URI ecrEndpoint;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    private Path report;

    @Override
    protected int run(Terminal terminal) throws IOException {
        LoadedManifest manifest = new ManifestLoader().load(file);
        Release release = manifest.release();
        List<PromotionRequest> requests = ReleaseImages.requests(release);
        PromotionOptions options;
        RegistryOptions registryOptions = RegistryOptions.DEFAULTS
                .withInsecure(insecure)
                .withDockerConfig(dockerConfig)
                .withAwsProfile(awsProfile)
                .withAwsRoleArn(awsRoleArn)
                .withEndpointOverride(ecrEndpoint);
        try {
            options = PromotionOptions.DEFAULTS
                    .withDryRun(dryRun)
                    .withForce(force)
                    .withConcurrency(concurrency);
        } catch (IllegalArgumentException e) {
            return invalid(terminal, e.getMessage());
        }
        PromotionReport result;
        try (ImageRegistry destination = Registries.open(registry, registryOptions);
                ImageRegistry source =
                        sourceRegistry == null ? destination : Registries.open(sourceRegistry, registryOptions)) {
            if (!json()) {
                printDiagnostics(terminal, manifest.warnings());
                terminal.out()
                        .println(terminal.bold("Tagging images of "
                                        + release.environment().name())
                                + "  release " + release.id().shortForm() + " from " + file + " on "
                                + destination.reference()
                                + (dryRun ? "  (dry run)" : ""));
            }
            result = new ImagePromotion(source, destination, options).run(requests);
        } catch (IllegalArgumentException e) {
            return invalid(terminal, e.getMessage());
        } catch (IOException e) {
            return invalid(terminal, "cannot read the registry configuration: " + e.getMessage());
        }
        if (report != null) {
            Files.writeString(report, result.toJson() + "\n", StandardCharsets.UTF_8);
        }
        if (json()) {
            printJson(terminal, result);
        } else {
            for (ImageResult image : result.images()) {
                terminal.out().println(colour(terminal, image));
            }
            String summary = result.summaryLine();
            terminal.out().println(result.succeeded() ? terminal.green(summary) : terminal.red(summary));
        }
        return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String colour(Terminal terminal, ImageResult image) {
        String line = image.describe();
        return switch (image.status()) {
            case TAGGED, WOULD_TAG -> terminal.green(line);
            case UNCHANGED -> terminal.dim(line);
            case FAILED -> terminal.red(line);
        };
    }

    private static int invalid(Terminal terminal, String message) {
        terminal.err().println(terminal.red("release-train: " + message));
        return ExitCode.INVALID;
    }
}
