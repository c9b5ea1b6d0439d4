package io.jenkins.plugins.releasetrain.image;

/** Hears of each image as it finishes (from worker threads), e.g. to print progress to a build log. */
@FunctionalInterface
public interface PromotionListener {

    PromotionListener NONE = result -> {};

    void imageDone(ImageResult result);
}
