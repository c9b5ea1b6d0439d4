package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.image.ImageResult;
import io.jenkins.plugins.releasetrain.image.PromotionReport;
import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The images {@code tagImages} retagged in a build, tagging after tagging, shown as a build summary. */
@ExportedBean(defaultVisibility = 2)
public class ImagePromotionAction implements RunAction2 {

    // Replaced, never changed in place: the build's XML is written under the build's lock while parallel
    // branches add their images here, and a list that nobody changes can be written at any time.
    private volatile ArrayList<Image> images = new ArrayList<>();

    private transient Run<?, ?> run;

    static ImagePromotionAction of(Run<?, ?> run) {
        return RunActions.getOrAdd(run, ImagePromotionAction.class, ImagePromotionAction::new);
    }

    synchronized void add(PromotionReport report) {
        ArrayList<Image> next = new ArrayList<>(images);
        for (ImageResult result : report.images()) {
            next.add(new Image(report.registry(), result));
        }
        images = next;
    }

    /** The latest outcome of an image in this build, as the ledger records it. */
    Optional<PromotionRecords.ImageOutcome> latest(String artifactId) {
        List<Image> images = this.images;
        for (int i = images.size() - 1; i >= 0; i--) {
            Image image = images.get(i);
            if (image.artifactId.equals(artifactId)) {
                return Optional.of(new PromotionRecords.ImageOutcome(
                        PromotionStatus.valueOf(image.status), image.description, image.digest, image.previousDigest));
            }
        }
        return Optional.empty();
    }

    @Exported
    public List<Image> getImages() {
        return Collections.unmodifiableList(images);
    }

    public long count(String status) {
        return images.stream().filter(i -> i.getStatus().equals(status)).count();
    }

    public List<Image> getFailed() {
        return images.stream()
                .filter(i -> i.status.equals(PromotionStatus.FAILED.name()))
                .toList();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ImagePromotionAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** One image tagged (or not) in a registry. */
    @ExportedBean(defaultVisibility = 3)
    public static final class Image {

        private final String registry;
        private final String artifactId;
        private final String source;
        private final String destination;
        private final String status;
        private final String digest;
        /** What the destination tag pointed at before it was moved; null when it was not (or in older builds). */
        private final String previousDigest;

        private final String reason;
        private final String description;

        Image(String registry, ImageResult result) {
            this.registry = registry;
            this.artifactId = result.artifactId();
            this.source = result.source();
            this.destination = result.destination();
            this.status = result.status().name();
            this.digest = result.digest();
            this.previousDigest = result.previousDigest();
            this.reason = result.reason();
            this.description = result.describe();
        }

        @Exported
        public String getRegistry() {
            return registry;
        }

        @Exported
        public String getArtifactId() {
            return artifactId;
        }

        @Exported
        public String getSource() {
            return source;
        }

        @Exported
        public String getDestination() {
            return destination;
        }

        /** {@code tagged}, {@code unchanged}, {@code would-tag} or {@code failed}. */
        @Exported
        public String getStatus() {
            return PromotionStatus.valueOf(status).label();
        }

        @Exported
        @CheckForNull
        public String getDigest() {
            return digest;
        }

        @Exported
        @CheckForNull
        public String getReason() {
            return reason;
        }

        public String getDescription() {
            return description;
        }
    }
}
