package io.jenkins.plugins.releasetrain.manifest;

/**
 * The environment tag rule of the seed workflow: an image built as {@code dev_123} is promoted to staging
 * as {@code stage_us_123}. The build identity is what follows the first underscore of the source tag; a
 * source tag without an underscore is kept whole ({@code 1.4.2} becomes {@code stage_us_1.4.2}).
 */
public final class DestinationTags {

    private DestinationTags() {}

    public static String derive(String prefix, String sourceTag) {
        int underscore = sourceTag.indexOf('_');
        String build = underscore < 0 ? sourceTag : sourceTag.substring(underscore + 1);
        return prefix + "_" + build;
    }
}
