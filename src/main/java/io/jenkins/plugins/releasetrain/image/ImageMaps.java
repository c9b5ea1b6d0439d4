package io.jenkins.plugins.releasetrain.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Promotion reports as plain maps and lists of strings, numbers and booleans: what the {@code tagImages}
 * Pipeline step returns (CPS-serializable, readable without script approval). The keys are those of the
 * JSON report ({@link PromotionReport#toJson()}), plus {@code succeeded} and {@code summaryLine}.
 */
public final class ImageMaps {

    private ImageMaps() {}

    public static Map<String, Object> report(PromotionReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("registry", report.registry());
        if (report.sourceRegistry() != null) {
            map.put("sourceRegistry", report.sourceRegistry());
        }
        map.put("dryRun", report.dryRun());
        map.put("force", report.force());
        map.put("startedAt", report.startedAt().toString());
        map.put("durationMillis", report.durationMillis());
        PromotionReport.Summary summary = report.summary();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", summary.total());
        counts.put("tagged", summary.tagged());
        counts.put("unchanged", summary.unchanged());
        counts.put("wouldTag", summary.wouldTag());
        counts.put("failed", summary.failed());
        map.put("summary", counts);
        map.put("succeeded", report.succeeded());
        map.put("summaryLine", report.summaryLine());
        map.put("images", report.images().stream().map(ImageMaps::image).toList());
        return map;
    }

    public static Map<String, Object> image(ImageResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", result.artifactId());
        map.put("source", result.source());
        map.put("destination", result.destination());
        map.put("status", result.status().label());
        putIfPresent(map, "digest", result.digest());
        putIfPresent(map, "mediaType", result.mediaType());
        putIfPresent(map, "previousDigest", result.previousDigest());
        putIfPresent(map, "reason", result.reason());
        map.put("blobsCopied", result.blobsCopied());
        map.put("blobsMounted", result.blobsMounted());
        map.put("startedAt", result.startedAt().toString());
        map.put("durationMillis", result.durationMillis());
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
