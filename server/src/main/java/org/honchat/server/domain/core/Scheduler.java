package org.honchat.server.domain.core;

/** Runs a task on the hub thread after a delay (silence expiry, §6.2 {@code 0x38}). */
@FunctionalInterface
public interface Scheduler {

    void later(long delayMillis, Runnable hubTask);
}
