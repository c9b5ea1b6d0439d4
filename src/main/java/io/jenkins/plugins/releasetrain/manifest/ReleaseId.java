package io.jenkins.plugins.releasetrain.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a release's content: the SHA-256 of its normalized manifest. Comments, formatting, key
 * order and the order of products, deployments and images do not change it; any change of a value does.
 * Approvals are given to an id, so editing a manifest after approval voids the approval.
 */
public record ReleaseId(String value) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ReleaseId {
        if (value == null || !HEX64.matcher(value).matches()) {
            throw new IllegalArgumentException("a release id is 64 lowercase hex digits: " + value);
        }
    }

    public static ReleaseId of(Release release) {
        StringBuilder canonical = new StringBuilder(256 + release.products().size() * 512);
        Environment environment = release.environment();
        field(canonical, "environment.name", environment.name());
        field(canonical, "environment.shortName", environment.shortName());
        field(canonical, "environment.destinationTagPrefix", environment.destinationTagPrefix());
        List<Product> products = release.products().stream()
                .sorted(Comparator.comparing(Product::name))
                .toList();
        for (Product product : products) {
            field(canonical, "product", product.name());
            field(canonical, "releaseVersion", product.releaseVersion());
            field(canonical, "releaseCandidate", Integer.toString(product.releaseCandidate()));
            for (Deployment d : product.deployments().stream()
                    .sorted(Comparator.comparing(Deployment::gitRepoShortName))
                    .toList()) {
                field(canonical, "deployment", d.gitRepoShortName());
                field(canonical, "gitRepoName", d.gitRepoName());
                field(canonical, "gitCommit", d.gitCommit());
                field(canonical, "workflowBase", d.workflowBase());
                field(canonical, "deployTarget", d.deployTarget());
            }
            for (Image image : product.images().stream()
                    .sorted(Comparator.comparing(Image::repoName))
                    .toList()) {
                field(canonical, "image", image.repoName());
                field(canonical, "sourceTag", image.sourceTag());
                field(canonical, "destinationTag", image.destinationTagIn(environment));
            }
        }
        return new ReleaseId(sha256(canonical.toString()));
    }

    /** The first twelve hex digits, as shown in tables, branch names and commit trailers. */
    public String shortForm() {
        return value.substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }

    // Length-prefixed so that no choice of values can make two different releases serialize alike.
    private static void field(StringBuilder out, String key, String value) {
        out.append(key)
                .append('=')
                .append(value.length())
                .append(':')
                .append(value)
                .append('\n');
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
