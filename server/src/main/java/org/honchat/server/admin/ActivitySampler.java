package org.honchat.server.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.honchat.server.metrics.Metrics;

/**
 * Samples the server's activity once a second for the console: sessions online, messages and logins per second,
 * over the last five minutes. Sampled on one timer thread; read by the admin handlers.
 */
final class ActivitySampler {

    /** One second of activity. */
    record Sample(long epochSecond, int sessions, double messagesPerSecond, double loginsPerSecond) {
    }

    static final int KEPT = 300;

    private final Metrics metrics;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private double lastMessages;
    private double lastLogins;

    ActivitySampler(Metrics metrics) {
        this.metrics = metrics;
        this.lastMessages = metrics.chatMessages.count();
        this.lastLogins = metrics.chatLogins.count();
    }

    synchronized void sample(long epochSecond) {
        double messages = metrics.chatMessages.count();
        double logins = metrics.chatLogins.count();
        samples.addLast(new Sample(epochSecond, metrics.sessionsOnline().get(), messages - lastMessages,
                logins - lastLogins));
        lastMessages = messages;
        lastLogins = logins;
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    synchronized List<Sample> history() {
        return new ArrayList<>(samples);
    }

    synchronized Sample latest() {
        return samples.isEmpty() ? new Sample(0, metrics.sessionsOnline().get(), 0, 0) : samples.peekLast();
    }
}
