package org.honchat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Refused logins are logged once each with their reason, but a flood from one address or many cannot fill the log. */
class RefusalLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.honchat.server.login.refused");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Instant now = Instant.parse("2026-12-08T00:00:00Z");

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO); // the tests' configuration shows warnings only
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    private RefusalLog log() {
        return new RefusalLog(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void eachRefusalIsOneLineWithItsReasonAddressAndName() {
        log().refused("login service", "/10.0.0.1:5000", "Alice", "wrong_credentials");
        assertThat(messages()).containsExactly(
                "login service login refused: wrong_credentials from /10.0.0.1:5000 (name 'Alice')");
    }

    @Test
    void oneAddressGetsFiveLinesAndANoticePerMinuteThenFiveMore() {
        RefusalLog log = log();
        for (int i = 0; i < 50; i++) {
            log.refused("chat", "/10.0.0.1", null, "auth_failed");
        }
        assertThat(messages()).hasSize(RefusalLog.PER_ADDRESS + 1);
        assertThat(messages().get(RefusalLog.PER_ADDRESS)).contains("counted, not logged");
        log.refused("chat", "/10.0.0.2", null, "auth_failed"); // another address still gets its line
        assertThat(messages()).hasSize(RefusalLog.PER_ADDRESS + 2);
        now = now.plusSeconds(61);
        log.refused("chat", "/10.0.0.1", null, "auth_failed");
        assertThat(messages()).hasSize(RefusalLog.PER_ADDRESS + 3);
    }

    @Test
    void manyAddressesTogetherAreCappedToo() {
        RefusalLog log = log();
        for (int i = 0; i < 10_000; i++) {
            log.refused("login service", "/10.0." + (i / 250) + "." + (i % 250), "x", "wrong_credentials");
        }
        assertThat(messages()).hasSize(RefusalLog.IN_ALL + 1);
    }

    @Test
    void aNameCannotForgeALogLine() {
        log().refused("login service", "/10.0.0.1", "evil\nFAKE LINE", "wrong_credentials");
        assertThat(messages().get(0)).doesNotContain("\n").contains("evil?FAKE LINE");
    }
}
