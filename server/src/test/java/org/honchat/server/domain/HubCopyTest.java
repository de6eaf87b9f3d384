package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenceLifted;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.GroupRequests.GroupCreate;
import org.honchat.protocol.serverbound.GroupRequests.GroupLeave;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.server.cluster.HubReplica;
import org.honchat.server.cluster.HubState;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Endpoint;
import org.junit.jupiter.api.Test;

/**
 * The hub's state copy (docs/cluster.md "When the hub node goes"): after every command the copy kept by marks and
 * flushes holds exactly what a full copy of the state would, and a second hub made from it carries on as the first.
 */
class HubCopyTest {

    /** The Redis hashes of one term, as {@link HubReplica} writes them. */
    private static final class Hashes implements HubReplica.Store {
        final Map<String, byte[]> sessions = new TreeMap<>();
        final Map<String, byte[]> channels = new TreeMap<>();

        @Override
        public void write(long term, boolean ofSessions, Map<String, byte[]> records, List<String> gone) {
            Map<String, byte[]> hash = ofSessions ? sessions : channels;
            hash.putAll(records);
            gone.forEach(hash::remove);
        }

        Map<String, String> readable(boolean ofSessions) {
            Map<String, String> copy = new TreeMap<>();
            (ofSessions ? sessions : channels).forEach((k, v) -> copy.put(k, java.util.HexFormat.of().formatHex(v)));
            return copy;
        }
    }

    private final DomainHarness first = new DomainHarness();
    private final Hashes kept = new Hashes();
    private final HubReplica replica = new HubReplica(first.directory, "n0", kept, first.matchmaking::inGroup);
    private static final GroupCreate MIDWARS = new GroupCreate("4.10.1.0", 1, 3, "midwars", "hb|sd", "EU|USE", false,
            0, 1, true);

    private void step(ChatSession from, ServerboundPacket packet) {
        first.send(from, packet);
        checkCopy();
    }

    /** The copy kept by marks equals a full copy made now. */
    private void checkCopy() {
        replica.flush();
        Hashes whole = new Hashes();
        HubReplica full = new HubReplica(first.directory, "n0", whole, first.matchmaking::inGroup);
        full.term(7);
        full.flush();
        assertThat(kept.readable(true)).as("session records").isEqualTo(whole.readable(true));
        assertThat(kept.readable(false)).as("channel records").isEqualTo(whole.readable(false));
    }

    private long channelId(String name) {
        return first.directory.channelNamed(name).id;
    }

    /** Everything a copy must follow: presence, games, buddies, channels and their moderation, a disconnect. */
    private Map<String, ChatSession> scenario() {
        first.directory.journal(replica);
        replica.term(7);
        ChatSession alice = first.login("Alice");
        ChatSession bob = first.login("Bob");
        ChatSession carol = first.login("Carol");
        ChatSession dave = first.login("Dave");
        checkCopy();
        step(alice, new JoinChannel("Tavern"));
        long tavern = channelId("Tavern");
        step(bob, new JoinChannel("Tavern"));
        step(carol, new JoinChannel("Tavern"));
        step(dave, new JoinChannel("Tavern"));
        step(alice, new JoinChannel("Other"));
        step(alice, new SetChannelTopic(tavern, "ale and tales"));
        step(alice, new PromoteInChannel(tavern, bob.accountId));
        step(alice, new BanFromChannel(tavern, "Carol"));
        step(alice, new SilenceInChannel(tavern, "Dave", 60_000));
        step(alice, new AddChannelAuthUser(tavern, "Erin"));
        step(alice, new EnableChannelAuth(tavern));
        step(alice, new SetChannelPassword(channelId("Other"), "secret"));
        step(bob, new JoinChannelWithPassword("Other", "secret"));
        step(alice, new LeaveChannel("Other"));
        step(bob, new SetChatMode(ChatMode.AFK, "lunch"));
        step(carol, new JoiningGame("10.0.0.1:11235"));
        step(carol, new JoinedGame("a game", 42, true));
        step(alice, new RequestBuddyAdd("Bob"));
        step(bob, new ApproveBuddy("Alice"));
        step(bob, MIDWARS);
        step(dave, MIDWARS);
        step(dave, new GroupLeave());
        ChatSession erin = first.login("Erin");
        step(erin, new JoinChannel("Tavern"));
        first.domain.disconnected(erin);
        checkCopy();
        return Map.of("Alice", alice, "Bob", bob, "Carol", carol, "Dave", dave);
    }

    @Test
    void theCopyFollowsEveryChange() {
        scenario();
        assertThat(kept.sessions).hasSize(4);
        assertThat(kept.channels.keySet()).as("the general channel, Tavern, Other and Carol's match channel")
                .hasSize(4);
    }

    @Test
    void aChannelMessageMarksNothing() {
        Map<String, ChatSession> people = scenario();
        replica.flush();
        List<String> written = new ArrayList<>();
        HubReplica watching = new HubReplica(first.directory, "n0",
                (term, ofSessions, records, gone) -> written.addAll(records.keySet()), first.matchmaking::inGroup);
        first.directory.journal(watching);
        watching.term(7);
        watching.flush();
        written.clear();
        first.send(people.get("Alice"), new SendChannelMessage("hello", channelId("Tavern")));
        watching.flush();
        assertThat(written).isEmpty();
    }

    @Test
    void aSecondHubCarriesOnFromTheCopy() throws HubState.BadRecord {
        Map<String, ChatSession> people = scenario();
        DomainHarness second = new DomainHarness();
        second.clock.millis = first.clock.millis;
        List<HubState.SessionRecord> sessionRecords = new ArrayList<>();
        for (byte[] record : kept.sessions.values()) {
            sessionRecords.add(HubState.decodeSession(record));
        }
        List<HubState.ChannelRecord> channelRecords = new ArrayList<>();
        for (byte[] record : kept.channels.values()) {
            channelRecords.add(HubState.decodeChannel(record));
        }
        HubState.Rebuilt rebuilt = HubState.rebuild(sessionRecords, channelRecords,
                record -> (Endpoint) () -> record.place().remoteAddress());
        second.domain.restore(rebuilt.sessions().values(), rebuilt.channels());
        assertThat(second.out.deliveries()).as("a take-over sends nothing").isEmpty();
        assertThat(second.inconsistencies()).isEmpty();

        Hashes again = new Hashes();
        // the second hub has no groups: it takes "in a group" from the records, as a take-over does
        HubReplica copyOfSecond = new HubReplica(second.directory, "n0", again, session -> sessionRecords.stream()
                .anyMatch(r -> r.account().id() == session.accountId && r.inGroup()));
        copyOfSecond.term(7);
        copyOfSecond.flush();
        assertThat(again.readable(true)).isEqualTo(kept.readable(true));
        assertThat(again.readable(false)).isEqualTo(kept.readable(false));

        ChatSession alice = second.directory.session(people.get("Alice").accountId);
        ChatSession bob = second.directory.session(people.get("Bob").accountId);
        ChatSession dave = second.directory.session(people.get("Dave").accountId);
        long tavern = channelId("Tavern");
        assertThat(second.directory.channel(tavern).name).isEqualTo("Tavern");
        assertThat(bob.chatMode).isEqualTo(ChatMode.AFK);
        // groups are not in the copy, only who was in one (the new hub tells them their group is gone)
        assertThat(sessionRecords).filteredOn(HubState.SessionRecord::inGroup)
                .extracting(r -> r.account().name()).containsExactly("Bob");

        // a channel message reaches the same members, in the same ids, as on the first hub
        second.send(alice, new SendChannelMessage("still here", tavern));
        assertThat(second.out.to(bob)).containsExactly(new ChannelMessage(alice.accountId, tavern, "still here"));
        // the silence goes on, and ends when it was due to
        second.out.clear();
        second.send(dave, new SendChannelMessage("me too", tavern));
        assertThat(second.out.to(dave)).containsExactly(new ChannelSilenced(tavern));
        second.advance(60_000);
        assertThat(second.out.to(dave, ChannelSilenceLifted.class)).hasSize(1);
        // a new channel does not reuse an id of the first hub
        second.send(alice, new JoinChannel("Brand new"));
        assertThat(second.directory.channelNamed("Brand new").id).isGreaterThan(
                rebuilt.channels().stream().mapToLong(c -> c.id).max().orElseThrow());

        // a session whose connection went with the first hub ends for everyone: 0x06 to channel mates, 0x0C to
        // buddies, as any disconnect (§3.10)
        second.out.clear();
        second.domain.disconnected(bob);
        assertThat(second.out.to(alice)).contains(new LeftChannel(bob.accountId, tavern));
        assertThat(second.out.to(alice, UpdateStatus.class)).extracting(UpdateStatus::status)
                .containsExactly(ChatStatus.DISCONNECTED);
        assertThat(second.inconsistencies()).isEmpty();
    }

    @Test
    void aRecordOfAnotherVersionIsSkipped() {
        scenario();
        byte[] record = kept.sessions.values().iterator().next().clone();
        record[0] = 99;
        List<Integer> skipped = new ArrayList<>();
        assertThat(HubState.decodeAll(List.of(record, new byte[] {1, 2}), HubState::decodeSession,
                () -> skipped.add(1))).isEmpty();
        assertThat(skipped).hasSize(2);
    }

    @Test
    void theGeneralChannelsAreKnownAgainAfterATakeOver() {
        scenario();
        DomainHarness second = new DomainHarness();
        List<Channel> none = List.of();
        second.domain.restore(List.of(), none);
        assertThat(second.directory.channelNamed(
                org.honchat.server.config.ServerConfig.defaults().chat().generalChannelName())).isNotNull();
    }
}
