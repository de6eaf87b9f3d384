package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.JoinChannelPassword;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoNoExist;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOffline;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOnline;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.GameRequests.LeftGame;
import org.honchat.protocol.serverbound.MessageRequests.RequestUserInfo;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.BuddyPackets.BuddyApproveResponse;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelKick;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenceLifted;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.Flooding;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.BuddyRequests.ApproveBuddy;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.serverbound.SessionRequests.BroadcastMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.BuddyApproveResult;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.RejectReason;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChatSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat rules of docs/protocol.md §3-§6 in-process, through the same command table the server uses, with a recording
 * outbox: no sockets, no threads, milliseconds per test. The conformance tests (*IT) check the same over sockets.
 */
class ChatDomainTest {

    private DomainHarness chat = new DomainHarness();

    @AfterEach
    void stateStaysConsistent() {
        assertThat(chat.inconsistencies()).isEmpty();
    }

    private long channelOf(ChatSession s) {
        return chat.out.to(s, ChangedChannel.class).get(0).channelId();
    }

    /** {@code first} opens "Fans" (and administers it), {@code second} joins; the outbox is cleared after. */
    private long bothInFans(ChatSession first, ChatSession second) {
        chat.send(first, new JoinChannel("Fans"));
        long fans = channelOf(first);
        chat.send(second, new JoinChannel("Fans"));
        chat.out.clear();
        return fans;
    }

    @Test
    void successSequenceOfSection37() {
        ChatSession game = chat.login("Alice");
        assertThat(chat.out.to(game)).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("AuthAccepted", "Options", "InitialStatus", "PlayerCount");
        ChatSession bot = chat.login("Bob", AccountType.REGULAR, false);
        assertThat(chat.out.to(bot)).hasSize(3).first().isEqualTo(AuthAccepted.INSTANCE);
        assertThat(chat.out.to(bot, Options.class)).isEmpty();
        assertThat(chat.out.to(bot, PlayerCount.class)).containsExactly(new PlayerCount(2, ""));
    }

    @Test
    void aChannelMessageGoesToTheOtherMembersOnly() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(alice, new JoinChannel("Fans"));
        long fans = channelOf(alice);
        assertThat(chat.out.to(alice, ChangedChannel.class).get(0).admins()).extracting(a -> a.level())
                .containsExactly(AdminLevel.ADMINISTRATOR); // §6.3 step 12: the first joiner administers it
        chat.send(bob, new JoinChannel("fans"));
        assertThat(chat.out.to(alice, JoinedChannel.class)).hasSize(1);
        chat.out.clear();
        chat.send(alice, new SendChannelMessage("hi all", fans));
        assertThat(chat.out.to(bob)).containsExactly(new ChannelMessage(alice.accountId, fans, "hi all"));
        assertThat(chat.out.to(alice)).isEmpty();
    }

    @Test
    void theGeneralChannelOverflowsIntoNumberedOnes() {
        chat = new DomainHarness(ServerConfig.defaults().with("chat.generalChannelCapacity", "2").chat());
        List<ChatSession> players = List.of(chat.login("A"), chat.login("B"), chat.login("C"));
        for (ChatSession player : players) {
            chat.send(player, new JoinChannel("HoN"));
        }
        assertThat(players).extracting(p -> chat.out.to(p, ChangedChannel.class).get(0).name())
                .containsExactly("HoN", "HoN", "HoN 2");
    }

    @Test
    void whispersToAwayAndBusyPlayers() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(bob, new SetChatMode(ChatMode.AFK, "lunch"));
        chat.send(alice, new SendWhisper("bob", "hey"));
        assertThat(chat.out.to(bob, Whisper.class)).containsExactly(new Whisper("Alice", "hey"));
        assertThat(chat.out.to(alice, ChatModeAutoResponse.class))
                .containsExactly(new ChatModeAutoResponse(ChatMode.AFK, "Bob", "lunch"));
        chat.out.clear();
        chat.send(bob, new SetChatMode(ChatMode.DND, "busy"));
        chat.send(alice, new SendWhisper("Bob", "still there?"));
        assertThat(chat.out.to(bob, Whisper.class)).isEmpty();
        assertThat(chat.out.to(alice)).containsExactly(new WhisperFailed("Bob", "still there?"),
                new ChatModeAutoResponse(ChatMode.DND, "Bob", "busy"));
        chat.out.clear();
        chat.send(alice, new SendWhisper("Nobody", "x"));
        assertThat(chat.out.to(alice)).containsExactly(new WhisperFailed("Nobody", "x"));
    }

    @Test
    void aChatModeChangeIsEchoedToTheSenderAndToNobodyElse() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        bothInFans(alice, bob);
        chat.send(alice, new SetChatMode(ChatMode.AFK, "lunch"));
        // §6.2 0x66: store, echo; 0x0C does not carry the mode, so the peers get nothing
        assertThat(chat.out.deliveries()).extracting(RecordingOutbox.Delivery::to).containsOnly(alice);
        assertThat(chat.out.to(alice)).containsExactly(new ChatModeChanged(ChatMode.AFK, "lunch"));
        assertThat(alice.chatMode).isEqualTo(ChatMode.AFK);
    }

    @Test
    void floodControlDropsThenDisconnectsButNotStaff() {
        chat = new DomainHarness(ServerConfig.defaults().with("chat.flood.notice", "true").chat());
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        ChatSession staff = chat.login("Mod", AccountType.STAFF, true);
        chat.out.clear();
        for (int i = 1; i <= 21; i++) {
            chat.send(alice, new SendWhisper("Bob", "m" + i));
            chat.send(staff, new SendWhisper("Bob", "s" + i));
        }
        // §4.9: five counted commands pass, the sixth starts an episode (one 0x1B), the twenty-first closes
        assertThat(chat.out.to(bob, Whisper.class).stream().filter(w -> w.senderName().equals("Alice"))).hasSize(5);
        assertThat(chat.out.to(bob, Whisper.class).stream().filter(w -> w.senderName().equals("Mod"))).hasSize(21);
        assertThat(chat.out.to(alice, Flooding.class)).hasSize(1);
        // every drop is counted by command for the operator (the fifteen between the sixth and the twentieth)
        String whisper = chat.domain.commands().row(SendWhisper.CODEC.id()).name();
        assertThat(chat.metrics.floodDropped(whisper).count()).isEqualTo(15.0);
        assertThat(chat.metrics.scrape()).contains("honchat_flood_dropped_total{command=\"" + whisper + "\"} 15.0");
        assertThat(chat.out.wasClosed(alice)).isTrue();
        assertThat(chat.directory.session(alice.accountId)).isNull();
        chat.advance(3_500);
        assertThat(chat.out.wasClosed(staff)).isFalse();
    }

    @Test
    void onlyStaffBroadcast() {
        ChatSession alice = chat.login("Alice");
        ChatSession staff = chat.login("Mod", AccountType.STAFF, true);
        chat.out.clear();
        chat.send(alice, new BroadcastMessage(ChatBroadcastType.MESSAGE, 0, "listen"));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(staff, new BroadcastMessage(ChatBroadcastType.MESSAGE, 0, "maintenance"));
        assertThat(chat.out.to(alice)).containsExactly(new MessageAll("Mod", "maintenance"));
        assertThat(chat.out.to(staff)).containsExactly(new MessageAll("Mod", "maintenance"));
    }

    @Test
    void kickNeedsAHigherLevelAndTellsEveryoneBeforeTheLeave() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        long fans = bothInFans(alice, bob);
        chat.send(bob, new KickFromChannel(fans, alice.accountId));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new KickFromChannel(fans, bob.accountId));
        assertThat(chat.out.to(bob)).containsExactly(new ChannelKick(fans, alice.accountId, bob.accountId),
                new LeftChannel(bob.accountId, fans));
        assertThat(bob.channels).isEmpty();
    }

    @Test
    void aSilenceRefusesMessagesUntilItExpires() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        long fans = bothInFans(alice, bob);
        chat.send(alice, new SilenceInChannel(fans, "Bob", 60_000));
        chat.out.clear();
        chat.send(bob, new SendChannelMessage("let me talk", fans));
        assertThat(chat.out.to(bob)).containsExactly(new ChannelSilenced(fans));
        assertThat(chat.out.to(alice)).isEmpty();
        chat.advance(60_000);
        assertThat(chat.out.to(bob, ChannelSilenceLifted.class)).containsExactly(new ChannelSilenceLifted("Fans"));
        chat.send(bob, new SendChannelMessage("thanks", fans));
        assertThat(chat.out.to(alice)).containsExactly(new ChannelMessage(bob.accountId, fans, "thanks"));
    }

    @Test
    void disconnectLeavesChannelsThenTellsPeersInThatOrder() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        long fans = bothInFans(alice, bob);
        chat.domain.disconnected(bob);
        assertThat(chat.out.to(alice)).containsExactly(new LeftChannel(bob.accountId, fans),
                bob.statusUpdate(ChatStatus.DISCONNECTED));
        chat.domain.disconnected(alice);
        assertThat(chat.directory.channel(fans)).as("an empty user channel is deleted").isNull();
    }

    @Test
    void aNewerLoginReplacesTheOlderSessionWithoutAnOfflineNotice() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        long fans = bothInFans(alice, bob);
        ChatSession again = chat.login("Alice");
        assertThat(chat.out.to(alice)).containsExactly(new AuthRejected(RejectReason.ACCOUNT_SHARING));
        assertThat(chat.out.wasClosed(alice)).isTrue();
        // §3.6: the old session leaves its channels (0x06), but its peers get no 0x0C status 0; the new session
        // is in no channel yet, so Bob is not its peer and gets no 0x0C at all
        assertThat(chat.out.to(bob)).containsExactly(new LeftChannel(alice.accountId, fans));
        assertThat(chat.directory.session(again.accountId)).isSameAs(again);
    }

    @Test
    void aRequesterThatLeavesBeforeTheStoreAnswersStillReachesTheTarget() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.out.clear();
        chat.holdStoreWork();
        chat.send(alice, new RequestBuddyAdd("Bob"));
        chat.domain.disconnected(alice);
        chat.runStoreWork(); // found by PipelineFuzzTest: the answer once met a requester gone from the directory
        assertThat(chat.out.to(bob, BuddyAddResponse.class)).singleElement().satisfies(received -> {
            assertThat(received.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
            assertThat(received.nickname()).isEqualTo("Alice");
        });
        assertThat(chat.out.to(alice, BuddyAddResponse.class)).isEmpty();
    }

    @Test
    void userInfoOfAnOfflineAccountComesFromTheStoreAndOnlineOnesShowVisibleChannels() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        bothInFans(alice, bob);
        chat.send(alice, new JoinChannel("Locked"));
        long locked = chat.out.to(alice, ChangedChannel.class).get(0).channelId();
        chat.send(alice, new SetChannelPassword(locked, "pw"));
        chat.out.clear();
        // §6.5: Bob sees Alice's open channel only; the passworded one is hers to see
        chat.send(bob, new RequestUserInfo("alice"));
        assertThat(chat.out.to(bob)).containsExactly(new UserInfoOnline("Alice", List.of("Fans")));
        chat.stores.create("Carol", AccountType.REGULAR, new org.honchat.server.store.Credentials("s", "p"),
                chat.clock.instant());
        chat.send(bob, new RequestUserInfo("Carol"));
        assertThat(chat.out.to(bob, UserInfoOffline.class)).containsExactly(new UserInfoOffline("Carol", "never"));
        chat.send(bob, new RequestUserInfo("Nobody"));
        assertThat(chat.out.to(bob, UserInfoNoExist.class)).containsExactly(new UserInfoNoExist("Nobody"));
    }

    @Test
    void joiningAGameLeavesTheGeneralChannelAndLeavingItComesBack() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(alice, new JoinChannel("HoN"));
        chat.send(bob, new JoinChannel("HoN"));
        chat.out.clear();
        // §6.9: 0x0F takes the player out of general channels (0x06 to all, the leaver included), then 0x0C to
        // the peers it has left: Bob, only a channel mate, is no longer one
        chat.send(alice, new JoiningGame("1.2.3.4:11235"));
        assertThat(chat.out.to(bob)).extracting(p -> p.getClass().getSimpleName()).containsExactly("LeftChannel");
        assertThat(chat.out.to(alice)).extracting(p -> p.getClass().getSimpleName()).containsExactly("LeftChannel");
        assertThat(alice.channels).isEmpty();
        chat.out.clear();
        chat.send(alice, new LeftGame());
        assertThat(chat.out.to(alice, ChangedChannel.class)).extracting(ChangedChannel::name).containsExactly("HoN");
        assertThat(chat.out.to(bob)).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("JoinedChannel", "UpdateStatus"); // a channel mate again, then its status
        assertThat(chat.out.to(bob, UpdateStatus.class)).extracting(UpdateStatus::status)
                .containsExactly(ChatStatus.CONNECTED);
    }

    @Test
    void aPasswordedChannelAsksForThePasswordAndComparesItWithoutCase() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.send(alice, new JoinChannel("Club"));
        long club = channelOf(alice);
        chat.send(alice, new SetChannelPassword(club, "Secret"));
        chat.out.clear();
        chat.send(bob, new JoinChannel("Club"));
        assertThat(chat.out.to(bob)).containsExactly(new JoinChannelPassword("Club"));
        chat.send(bob, new JoinChannelWithPassword("Club", "wrong"));
        assertThat(bob.channels).isEmpty();
        chat.send(bob, new JoinChannelWithPassword("Club", "SECRET"));
        assertThat(chat.out.to(bob, ChangedChannel.class)).extracting(ChangedChannel::channelId).containsExactly(club);
    }

    @Test
    void imsInTheirThreeFormsAndStaffSeeTheRegions() {
        ChatSession alice = chat.login("Alice");
        ChatSession bot = chat.login("Bot", AccountType.REGULAR, false);
        chat.out.clear();
        chat.send(alice, new SendIm("Bot", "hi", 1));
        assertThat(chat.out.to(bot)).containsExactly(InstantMessage.fromSender(alice.shortCard(), "hi"));
        assertThat(chat.out.to(alice)).containsExactly(InstantMessage.echo(bot.shortCard(), "hi"));
        chat.out.clear();
        chat.send(bot, new SendIm("Alice", "yo", 0));
        assertThat(chat.out.to(alice)).containsExactly(InstantMessage.plain("Bot", "yo"));
        ChatSession staff = chat.login("Mod", AccountType.STAFF, true);
        // §6.1 0x68: the regional breakdown for staff only; LEGACY sessions count as "unknown"
        assertThat(chat.out.to(staff, PlayerCount.class)).containsExactly(new PlayerCount(3, "en:2|unknown:1"));
    }

    @Test
    void buddyRequestAndApprovalThroughTheStore() {
        ChatSession alice = chat.login("Alice");
        ChatSession bob = chat.login("Bob");
        chat.out.clear();
        chat.send(alice, new RequestBuddyAdd("Bob"));
        assertThat(chat.out.to(alice, BuddyAddResponse.class)).extracting(BuddyAddResponse::type)
                .containsExactly(BuddyAddResult.REQUEST_SENT);
        assertThat(chat.out.to(bob, BuddyAddResponse.class)).extracting(BuddyAddResponse::type)
                .containsExactly(BuddyAddResult.REQUEST_RECEIVED);
        chat.out.clear();
        chat.send(bob, new ApproveBuddy("Alice"));
        // §6.7: 0xB4 first, then the 0x0C about the other, on both sides
        assertThat(chat.out.to(bob)).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("BuddyApproveResponse", "UpdateStatus");
        assertThat(chat.out.to(alice, BuddyApproveResponse.class)).extracting(BuddyApproveResponse::type)
                .containsExactly(BuddyApproveResult.APPROVED_BY_TARGET);
        assertThat(alice.buddies).containsExactly(bob.accountId);
        assertThat(chat.stores.buddies(bob.accountId)).containsExactly(alice.accountId);
        // the next login lists the buddy in 0x0B
        chat.domain.disconnected(alice);
        ChatSession back = chat.login("Alice");
        assertThat(chat.out.to(back, InitialStatus.class).get(0).entries()).extracting(e -> e.accountId())
                .containsExactly(bob.accountId);
    }
}
