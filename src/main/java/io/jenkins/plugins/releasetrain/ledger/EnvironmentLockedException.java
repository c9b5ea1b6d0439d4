package io.jenkins.plugins.releasetrain.ledger;

import java.util.Optional;

/** Another run holds the environment's lock: one release at a time per environment. */
public class EnvironmentLockedException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final String environment;
    private final transient LockHolder holder;

    public EnvironmentLockedException(String environment, Optional<LockHolder> holder, String message) {
        super(message);
        this.environment = environment;
        this.holder = holder.orElse(null);
    }

    public String environment() {
        return environment;
    }

    /** Who holds it, when the holder wrote its name (it does so right after taking the lock). */
    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
