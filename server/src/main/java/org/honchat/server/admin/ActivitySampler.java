package org.honchat.server.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.honchat.server.metrics.Metrics;

/**
 * Samples the server's activity once a second for the console: sessions online, messages, logins and deliveries
 * per second, queued groups. Keeps the last five minutes second by second, and the last hour in 10-second steps
 * (each the mean of its seconds, sessions and groups at the step's end). Sampled on one timer thread; read by the
 * admin handlers.
 */
final class ActivitySampler {

    /** One point of a chart. */
    record Sample(long epochSecond, int sessions, double messagesPerSecond, double loginsPerSecond,
            double deliveriesPerSecond, int queuedGroups) {
    }

    /** The two ranges the console charts. */
    enum Range {
        FIVE_MINUTES(1, 300), ONE_HOUR(10, 360);

        final int stepSeconds;
        final int points;

        Range(int stepSeconds, int points) {
            this.stepSeconds = stepSeconds;
            this.points = points;
        }
    }

    static final int KEPT = Range.FIVE_MINUTES.points;

    private final Metrics metrics;
    private final Deque<Sample> seconds = new ArrayDeque<>();
    private final Deque<Sample> steps = new ArrayDeque<>();
    private final List<Sample> pending = new ArrayList<>();
    private double lastMessages;
    private double lastLogins;
    private long lastDeliveries;

    ActivitySampler(Metrics metrics) {
        this.metrics = metrics;
        this.lastMessages = metrics.chatMessages.count();
        this.lastLogins = metrics.chatLogins.count();
        this.lastDeliveries = metrics.deliveries();
    }

    synchronized void sample(long epochSecond) {
        double messages = metrics.chatMessages.count();
        double logins = metrics.chatLogins.count();
        long deliveries = metrics.deliveries();
        Sample now = new Sample(epochSecond, metrics.sessionsOnline().get(), messages - lastMessages,
                logins - lastLogins, deliveries - lastDeliveries, metrics.queuedGroups().get());
        lastMessages = messages;
        lastLogins = logins;
        lastDeliveries = deliveries;
        keep(seconds, now, Range.FIVE_MINUTES.points);
        pending.add(now);
        if (epochSecond % Range.ONE_HOUR.stepSeconds == 0) {
            keep(steps, mean(pending), Range.ONE_HOUR.points);
            pending.clear();
        }
    }

    private static void keep(Deque<Sample> series, Sample sample, int points) {
        series.addLast(sample);
        while (series.size() > points) {
            series.removeFirst();
        }
    }

    /** A step of the hour chart: rates averaged over its seconds; sessions and groups as at its last second. */
    private static Sample mean(List<Sample> step) {
        Sample last = step.get(step.size() - 1);
        double messages = 0;
        double logins = 0;
        double deliveries = 0;
        for (Sample s : step) {
            messages += s.messagesPerSecond();
            logins += s.loginsPerSecond();
            deliveries += s.deliveriesPerSecond();
        }
        int n = step.size();
        return new Sample(last.epochSecond(), last.sessions(), messages / n, logins / n, deliveries / n,
                last.queuedGroups());
    }

    synchronized List<Sample> history() {
        return history(Range.FIVE_MINUTES);
    }

    synchronized List<Sample> history(Range range) {
        return new ArrayList<>(range == Range.FIVE_MINUTES ? seconds : steps);
    }

    synchronized Sample latest() {
        return seconds.isEmpty() ? new Sample(0, metrics.sessionsOnline().get(), 0, 0, 0,
                metrics.queuedGroups().get()) : seconds.peekLast();
    }
}
