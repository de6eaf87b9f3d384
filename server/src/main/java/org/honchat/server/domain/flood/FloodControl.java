package org.honchat.server.domain.flood;

import java.time.Clock;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;

/**
 * Flood control, docs/protocol.md §4.9: each counted command adds 1 to the session's counter, which decays by 1 every
 * {@code decayMillis}. Above the threshold commands are dropped; above the disconnect level the session goes. Which
 * commands count is the command table's business; staff are exempt there too. Hub thread only.
 */
public final class FloodControl {

    /** What to do with a counted command. */
    public enum Verdict {
        /** Handle it. */
        PASS,
        /** Drop it silently. */
        DROP,
        /** Drop it, and send {@code 0x1B}: the first dropped command of an episode, with notices configured. */
        DROP_WITH_NOTICE,
        /** Close the session (§3.10 cleanup, no message). */
        DISCONNECT
    }

    private final ServerConfig.FloodConfig rules;
    private final Clock clock;

    public FloodControl(ServerConfig.FloodConfig rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** Counts one command of {@code s}, after the decay since the last one. */
    public Verdict count(ChatSession s) {
        long now = clock.millis();
        long steps = (now - s.floodDecayedAt) / rules.decayMillis();
        if (steps > 0) {
            s.flood = (int) Math.max(0, s.flood - steps);
            s.floodDecayedAt = s.flood == 0 ? now : s.floodDecayedAt + steps * rules.decayMillis();
        }
        if (s.flood == 0) {
            s.floodDecayedAt = now;
        }
        s.flood++;
        if (s.flood > rules.disconnectAt()) {
            return Verdict.DISCONNECT;
        }
        if (s.flood > rules.threshold()) {
            boolean firstOfEpisode = !s.flooding;
            s.flooding = true;
            return firstOfEpisode && rules.notice() ? Verdict.DROP_WITH_NOTICE : Verdict.DROP;
        }
        s.flooding = false;
        return Verdict.PASS;
    }
}
