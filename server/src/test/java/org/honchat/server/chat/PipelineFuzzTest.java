package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.honchat.protocol.clientbound.PresencePackets.UserStatus;
import org.honchat.protocol.serverbound.MessageRequests.GetUserStatus;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.server.TestDatabases;
import org.honchat.server.domain.core.StateCheck;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;

/**
 * The whole server pipeline under arbitrary bytes: framing, decoding, the session and the hub. Each input is sent
 * by an authenticated game-client session over a real socket; afterwards another session must still be served,
 * nothing may have been logged as an error (an unchecked exception in a rule is logged as one), and the hub's
 * state must be consistent. Without {@code JAZZER_FUZZ=1} the stored inputs under
 * {@code PipelineFuzzTestInputs/} replay in the normal test run.
 */
class PipelineFuzzTest {

    private static ChatHarness harness;
    private static ChatClient fuzzed;
    private static ChatClient observer;
    private static final AtomicInteger ERRORS = new AtomicInteger();
    private static final List<String> ERROR_TEXT = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static synchronized void start() throws Exception {
        if (harness != null) {
            return;
        }
        Path dir = Files.createTempDirectory("honchat-fuzz");
        harness = new ChatHarness(TestDatabases.loopback(dir));
        AppenderBase<ILoggingEvent> errors = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    ERRORS.incrementAndGet();
                    ERROR_TEXT.add(event.getFormattedMessage());
                }
            }
        };
        errors.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(errors);
        observer = harness.game("Observer", AccountType.STAFF, ChatMode.AVAILABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void commands(byte[] input) throws Exception {
        // this test talks to its own server on loopback; that is not a finding
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."));
        start();
        if (fuzzed == null || fuzzed.isClosedByServer()) {
            fuzzed = harness.game("Fuzzed");
        }
        try {
            fuzzed.sendRaw(input);
        } catch (java.io.IOException closedMeanwhile) {
            fuzzed = null;
        }
        // the other session is still served, in order, after whatever the input did
        observer.send(new GetUserStatus("Observer"));
        assertThat(observer.await(UserStatus.class).name()).isEqualTo("Observer");
        assertThat(ERRORS.get()).as("errors logged: %s", ERROR_TEXT).isZero();
        assertThat(harness.server.chat().query(StateCheck::inconsistencies).get(5, TimeUnit.SECONDS)).isEmpty();
        drain(fuzzed);
    }

    private static void drain(ChatClient client) throws InterruptedException {
        if (client == null) {
            return;
        }
        while (!client.isClosedByServer() && nextOrNull(client) != null) {
            // replies to the input are not under test
        }
    }

    private static Object nextOrNull(ChatClient client) throws InterruptedException {
        try {
            return client.next(Duration.ofMillis(20));
        } catch (AssertionError notForAClient) {
            throw notForAClient;
        }
    }
}
