package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of one image. */
public enum PromotionStatus {
    /** The destination tag now points at the source digest (it did not before). */
    TAGGED,
    /** The destination tag already pointed at the source digest; nothing was written. */
    UNCHANGED,
    /** Dry run: the destination tag would be set (or moved, with force). */
    WOULD_TAG,
    /** Nothing was written for this image; the result's reason says why. */
    FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
