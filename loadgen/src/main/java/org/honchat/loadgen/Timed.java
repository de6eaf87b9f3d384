package org.honchat.loadgen;

import picocli.CommandLine.Option;

/** The timed part of a scenario: a warm-up, then the measured seconds, on a schedule that starts soon. */
final class Timed {
    @Option(names = "--warmup", defaultValue = "5", description = "seconds before the measurement")
    int warmup;
    @Option(names = "--duration", defaultValue = "20", description = "seconds measured")
    int duration;
    /** When the schedule starts ({@link System#nanoTime}); set by {@link #begin}. */
    long start;

    /** Starts the schedule 0.2 s from now, time for the pacer to start. */
    void begin() {
        start = System.nanoTime() + 200_000_000L;
    }

    long end() {
        return start + (warmup + duration) * 1_000_000_000L;
    }
}
