package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.releasetrain.board.RunAccess;
import io.jenkins.plugins.releasetrain.board.RunOrigin;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * The runs the current user may see on the board: those recorded by a job they may read. Runs without a job
 * (the command line) or whose job Jenkins no longer has (deleted or renamed) only administrators see, since
 * nothing says who else may. Each job is looked up once per board.
 */
final class JobRunAccess implements RunAccess {

    private final String contextPath;
    private final boolean administrator;
    private final Map<String, Optional<Job<?, ?>>> jobs = new HashMap<>();

    /** @param contextPath where Jenkins is served ({@code ""} or {@code /jenkins}), for links to builds */
    JobRunAccess(String contextPath) {
        this.contextPath = contextPath;
        this.administrator = Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    @Override
    public boolean canSee(RunOrigin origin) {
        return administrator || job(origin).isPresent();
    }

    @Override
    public Optional<String> page(RunOrigin origin) {
        Optional<Job<?, ?>> job = job(origin);
        OptionalInt build = origin.buildNumber();
        if (job.isPresent() && build.isPresent()) {
            return Optional.of(contextPath + "/" + job.get().getUrl() + build.getAsInt() + "/");
        }
        return canSee(origin) ? Optional.ofNullable(origin.url()) : Optional.empty();
    }

    private Optional<Job<?, ?>> job(RunOrigin origin) {
        return origin.job() == null ? Optional.empty() : jobs.computeIfAbsent(origin.job(), JobRunAccess::readable);
    }

    private static Optional<Job<?, ?>> readable(String fullName) {
        try {
            Job<?, ?> job = Jenkins.get().getItemByFullName(fullName, Job.class);
            return job != null && job.hasPermission(Item.READ) ? Optional.of(job) : Optional.empty();
        } catch (AccessDeniedException e) {
            // Item.DISCOVER without Item.READ
            return Optional.empty();
        }
    }
}
