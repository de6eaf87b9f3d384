package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfo;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelListSyn;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.serverbound.ChannelRequests.ChannelListAck;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelList;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelSublist;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel list over real sockets, byte for byte: docs/protocol.md §6.10, example §7.18. */
class ChannelListIT {

    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String hex(long value, int bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02X", (value >> (8 * i)) & 0xFF));
        }
        return out.toString();
    }

    @Test
    void theSublistOfExample718() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            // "Kongor Fans" with 12 members, as in §7.18
            long id = 0;
            for (int i = 0; i < 12; i++) {
                ChatClient fan = h.game("Fan" + i);
                fan.send(new JoinChannel("Kongor Fans"));
                id = fan.await(ChangedChannel.class).channelId();
            }
            ChatClient alice = h.game("Alice");
            alice.send(new GetChannelSublist(3, "kong"));
            // 7.18b: the start, a frame of its own; 7.18c: one entry and the end, one frame
            assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("08 00 04 1C 03 6B 6F 6E 67 00");
            assertThat(alice.nextFrame(WAIT).hex()).isEqualTo("18 00 05 1C 03 " + hex(id, 4)
                    + " 4B 6F 6E 67 6F 72 20 46 61 6E 73 00 0C 00 07 1C 03");
            alice.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void theFullListInTwoBatchesAcknowledgedByTheClient() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient staff = h.game("Opener", AccountType.STAFF, ChatMode.AVAILABLE);
            for (int i = 0; i < 145; i++) {
                staff.send(new JoinChannel(String.format("Room%03d", i)));
                staff.await(ChangedChannel.class);
            }
            ChatClient alice = h.game("Alice");
            alice.send(new GetChannelList());
            ChatClient.Frame first = alice.nextFrame(WAIT);
            // one frame: 140 entries then 0x1C03 (§6.10 batches)
            assertThat(first.packets()).hasSize(141).last().isEqualTo(ChannelListSyn.INSTANCE);
            assertThat(first.packets().get(0)).isEqualTo(new ChannelInfo(1, "HoN", 0));
            assertThat(first.hex()).startsWith(hex(first.bytes().length - 2, 2)
                    + " 02 1C 01 00 00 00 48 6F 4E 00 00 00"); // 0x1C02: id 1, "HoN", 0 members
            assertThat(first.hex()).endsWith("03 1C");
            alice.expectNothing(Duration.ofMillis(300)); // the next batch waits for the ACK
            alice.send(new ChannelListAck());
            ChatClient.Frame second = alice.nextFrame(WAIT);
            List<ClientboundPacket> rest = second.packets();
            assertThat(rest).hasSize(7).last().isEqualTo(ChannelListSyn.INSTANCE);
            assertThat(rest.get(5)).isInstanceOfSatisfying(ChannelInfo.class,
                    info -> assertThat(info.name()).isEqualTo("Room144"));
            alice.send(new ChannelListAck()); // the client's ACK of the last batch: ignored
            alice.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void aBotGetsEveryCommandInAFrameOfItsOwn() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("Kongor Fans"));
            alice.await(ChangedChannel.class);
            ChatClient bot = h.legacy("Bot");
            bot.send(new GetChannelSublist(1, "Kongor"));
            assertThat(bot.nextFrame(WAIT).hex()).isEqualTo("0A 00 04 1C 01 6B 6F 6E 67 6F 72 00");
            assertThat(bot.nextFrame(WAIT).packets()).hasSize(1);
            assertThat(bot.nextFrame(WAIT).hex()).isEqualTo("03 00 07 1C 01");
        }
    }
}
