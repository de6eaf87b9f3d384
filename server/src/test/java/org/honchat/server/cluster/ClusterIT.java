package org.honchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes on one Redis and one PostgreSQL behave as one server (docs/cluster.md). */
class ClusterIT {

    @TempDir
    Path dir;

    @Test
    void aWhisperCrossesNodes() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3)) {
            ChatClient alice = cluster.game(1, "Alice");
            ChatClient bob = cluster.game(2, "Bob");
            alice.send(new SendWhisper("Bob", "psst"));
            assertThat(bob.expect(Whisper.class)).isEqualTo(new Whisper("Alice", "psst"));
        }
    }
}
