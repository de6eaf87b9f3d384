package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfo;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfoSub;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelListSyn;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistEnd;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistStart;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistSyn;
import org.honchat.protocol.serverbound.ChannelRequests.ChannelListAck;
import org.honchat.protocol.serverbound.ChannelRequests.ChannelSublistAck;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelList;
import org.honchat.protocol.serverbound.ChannelRequests.GetChannelSublist;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.core.ChatSession;
import org.junit.jupiter.api.Test;

/** The channel list of docs/protocol.md §6.10, in-process: batches, ACKs, sub-lists, cancelling, visibility. */
class ChannelListsTest {

    private final DomainHarness chat = new DomainHarness();

    /** A staff session (no channel limit) opens the channels; it stays in them so they are kept. */
    private ChatSession opener(String... names) {
        ChatSession staff = chat.login("Opener", AccountType.STAFF, true);
        for (String name : names) {
            chat.send(staff, new JoinChannel(name));
        }
        return staff;
    }

    private static String[] numbered(String prefix, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.format("%s%03d", prefix, i);
        }
        return names;
    }

    /** The frames {@code s} got, each a list of commands. */
    private List<List<ClientboundPacket>> frames(ChatSession s) {
        return chat.out.deliveries().stream().filter(d -> d.to() == s)
                .collect(Collectors.groupingBy(RecordingOutbox.Delivery::frame, java.util.TreeMap::new,
                        Collectors.mapping(RecordingOutbox.Delivery::packet, Collectors.toList())))
                .values().stream().toList();
    }

    @Test
    void theFullListComesInBatchesOf140EachAcknowledged() {
        opener(numbered("Room", 150)); // 150 rooms after the general channel HoN, which always exists (id 1)
        ChatSession alice = chat.login("Alice");
        chat.out.clear();
        chat.send(alice, new GetChannelList());
        List<List<ClientboundPacket>> first = frames(alice);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).hasSize(141).last().isEqualTo(ChannelListSyn.INSTANCE);
        assertThat(first.get(0).get(0)).isInstanceOf(ChannelInfo.class);
        // a second 0x0C01 while the listing runs is ignored (§6.10 full list, rule 1)
        chat.out.clear();
        chat.send(alice, new GetChannelList());
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new ChannelListAck());
        List<List<ClientboundPacket>> second = frames(alice);
        assertThat(second).hasSize(1);
        List<ChannelInfo> rest = second.get(0).stream().filter(ChannelInfo.class::isInstance)
                .map(ChannelInfo.class::cast).toList();
        assertThat(second.get(0)).last().isEqualTo(ChannelListSyn.INSTANCE);
        // 151 channels in all: the general channel HoN (id 1) and the 150 rooms, in ascending id
        assertThat(first.get(0).size() - 1 + rest.size()).isEqualTo(151);
        assertThat(rest).extracting(ChannelInfo::name).last().isEqualTo("Room149");
        assertThat(rest).allSatisfy(info -> assertThat(info.memberCount()).isEqualTo(1));
        // the client acknowledges the last 0x1C03 too; that ACK is ignored, and a new listing may start
        chat.out.clear();
        chat.send(alice, new ChannelListAck());
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new GetChannelList());
        assertThat(frames(alice)).hasSize(1);
    }

    @Test
    void aListWithNoVisibleChannelIsOneSyn() {
        ChatSession alice = chat.login("Alice");
        chat.send(alice, new JoinChannel("Secret"));
        chat.send(alice, new SetChannelPassword(chat.out.to(alice, org.honchat.protocol.clientbound.ChannelPackets
                .ChangedChannel.class).get(0).channelId(), "pw"));
        ChatSession bob = chat.login("Bob");
        chat.out.clear();
        chat.send(bob, new GetChannelList());
        // HoN (the general channel, permanent, visible) and Secret (passworded: not visible to Bob)
        assertThat(frames(bob)).containsExactly(List.of(new ChannelInfo(1, "HoN", 0), ChannelListSyn.INSTANCE));
        chat.out.clear();
        chat.send(alice, new GetChannelList());
        assertThat(chat.out.to(alice, ChannelInfo.class)).extracting(ChannelInfo::name)
                .containsExactly("HoN", "Secret"); // its administrator sees it
    }

    @Test
    void aSublistStartsInItsOwnFrameAndEndsWith1C07() {
        opener("Kongor Fans", "kongor Two", "Other");
        ChatSession alice = chat.login("Alice");
        chat.out.clear();
        chat.send(alice, new GetChannelSublist(3, "KONG"));
        List<List<ClientboundPacket>> frames = frames(alice);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).containsExactly(new ChannelSublistStart(3, "kong"));
        assertThat(frames.get(1)).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("ChannelInfoSub", "ChannelInfoSub", "ChannelSublistEnd");
        assertThat(frames.get(1).get(0)).isEqualTo(new ChannelInfoSub(3, 2, "Kongor Fans", 1));
        assertThat(frames.get(1).get(2)).isEqualTo(new ChannelSublistEnd(3));
    }

    @Test
    void aLongSublistWaitsForItsOwnSequenceAndANewRequestCancelsIt() {
        opener(numbered("Kong", 200));
        ChatSession alice = chat.login("Alice");
        chat.out.clear();
        chat.send(alice, new GetChannelSublist(7, "kong"));
        assertThat(frames(alice).get(1)).hasSize(141).last().isEqualTo(new ChannelSublistSyn(7));
        chat.out.clear();
        chat.send(alice, new ChannelSublistAck(6)); // not the running sequence
        chat.send(alice, new ChannelListAck());     // not a full listing
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new GetChannelSublist(8, "kong1")); // cancels 7
        assertThat(frames(alice)).hasSize(2);
        assertThat(chat.out.to(alice, ChannelInfoSub.class)).hasSize(100).allSatisfy(
                e -> assertThat(e.sequence()).isEqualTo(8));
        assertThat(chat.out.to(alice, ChannelSublistEnd.class)).containsExactly(new ChannelSublistEnd(8));
        chat.out.clear();
        chat.send(alice, new ChannelSublistAck(7)); // the cancelled listing is gone
        assertThat(chat.out.deliveries()).isEmpty();
        // a prefix longer than 32 code points changes nothing
        chat.send(alice, new GetChannelSublist(9, "k".repeat(33)));
        assertThat(chat.out.deliveries()).isEmpty();
    }

    @Test
    void aBatchEndsEarlyRatherThanPassTheFrameLimit() {
        // 35-character names, 31 of them 4-byte characters: 128 bytes of UTF-8 each, so 140 entries cannot fit
        String[] names = new String[150];
        for (int i = 0; i < names.length; i++) {
            names[i] = "𝄞".repeat(31) + String.format("%04d", i);
        }
        opener(names);
        ChatSession alice = chat.login("Alice");
        chat.out.clear();
        chat.send(alice, new GetChannelSublist(1, "𝄞"));
        List<ClientboundPacket> batch = frames(alice).get(1);
        int size = 2;
        for (ClientboundPacket packet : batch) {
            size += FrameEncoder.commandSize(packet);
        }
        assertThat(batch.size() - 1).isLessThan(140);
        assertThat(size).isLessThanOrEqualTo(FrameEncoder.MAX_FRAME_BYTES);
        assertThat(size + FrameEncoder.commandSize(new ChannelInfoSub(1, 2, names[0], 1)))
                .isGreaterThan(FrameEncoder.MAX_FRAME_BYTES);
        assertThat(batch).last().isEqualTo(new ChannelSublistSyn(1));
    }

    @Test
    void legacySessionsGetEachCommandInAFrameOfItsOwn() {
        opener("Kongor Fans");
        ChatSession bot = chat.login("Bot", AccountType.REGULAR, false);
        chat.out.clear();
        chat.send(bot, new GetChannelSublist(1, "kongor"));
        assertThat(frames(bot)).containsExactly(List.of(new ChannelSublistStart(1, "kongor")),
                List.of(new ChannelInfoSub(1, 2, "Kongor Fans", 1)), List.of(new ChannelSublistEnd(1)));
    }
}
