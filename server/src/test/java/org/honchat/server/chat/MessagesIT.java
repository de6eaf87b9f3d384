package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.MessagePackets.ImFailed;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoInGame;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoNoExist;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOffline;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOnline;
import org.honchat.protocol.clientbound.PresencePackets.UserStatus;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.serverbound.MessageRequests.GetUserStatus;
import org.honchat.protocol.serverbound.MessageRequests.RequestUserInfo;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.SessionRequests.BroadcastMessage;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whispers, IMs, chat modes, user info and broadcasts over real sockets: docs/protocol.md §6.2, §6.4, §6.5. */
class MessagesIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void whisperAndItsFailures() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            alice.send(new SendWhisper("[KON]bob", "psst"));
            assertThat(bob.expect(Whisper.class)).isEqualTo(new Whisper("Alice", "psst"));
            alice.expectNothing(QUIET);
            // §6.4: offline target gets 0x09 with the name as sent; self is dropped
            alice.send(new SendWhisper("Nobody", "hello?"));
            assertThat(alice.expect(WhisperFailed.class)).isEqualTo(new WhisperFailed("Nobody", "hello?"));
            alice.send(new SendWhisper("ALICE", "me"));
            alice.expectNothing(QUIET);
            // DND: refused with 0x09 then 0x67; AFK: delivered, then 0x67
            bob.send(new SetChatMode(ChatMode.DND, "busy"));
            assertThat(bob.expect(ChatModeChanged.class)).isEqualTo(new ChatModeChanged(ChatMode.DND, "busy"));
            alice.send(new SendWhisper("bob", "hey"));
            assertThat(alice.expect(WhisperFailed.class)).isEqualTo(new WhisperFailed("bob", "hey"));
            assertThat(alice.expect(ChatModeAutoResponse.class))
                    .isEqualTo(new ChatModeAutoResponse(ChatMode.DND, "Bob", "busy"));
            bob.expectNothing(QUIET);
            bob.send(new SetChatMode(ChatMode.AFK, "brb"));
            bob.expect(ChatModeChanged.class);
            alice.send(new SendWhisper("Bob", "there?"));
            assertThat(bob.expect(Whisper.class)).isEqualTo(new Whisper("Alice", "there?"));
            assertThat(alice.expect(ChatModeAutoResponse.class))
                    .isEqualTo(new ChatModeAutoResponse(ChatMode.AFK, "Bob", "brb"));
            // invisible sessions cannot be whispered
            ChatClient ghost = h.game("Ghost", AccountType.REGULAR, ChatMode.INVISIBLE);
            alice.send(new SendWhisper("Ghost", "boo"));
            alice.expect(WhisperFailed.class);
            ghost.expectNothing(QUIET);
            // cut to 250 code points
            alice.send(new SendWhisper("Bob", "w".repeat(400)));
            assertThat(bob.expect(Whisper.class).message()).hasSize(250);
        }
    }

    @Test
    void chatModeRules() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(new SetChatMode(ChatMode.INVISIBLE, "x"));
            alice.expectNothing(QUIET);
            alice.send(new SetChatMode(ChatMode.AVAILABLE, "r".repeat(300)));
            assertThat(alice.expect(ChatModeChanged.class).reason()).hasSize(250);
            // an invisible session keeps its mode (§6.2 0x66)
            ChatClient ghost = h.game("Ghost", AccountType.REGULAR, ChatMode.INVISIBLE);
            ghost.send(new SetChatMode(ChatMode.AFK, "x"));
            ghost.expectNothing(QUIET);
        }
    }

    @Test
    void aChatModeChangeProducesNothingButItsEcho() throws Exception {
        // §6.2 0x66: store the mode, echo it to the sender; buddies and channel mates get nothing (0x0C does not
        // carry the mode)
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            alice.send(new JoinChannel("Fans"));
            alice.expect(ChangedChannel.class);
            bob.send(new JoinChannel("Fans"));
            bob.expect(ChangedChannel.class);
            alice.expect(JoinedChannel.class);
            alice.send(new SetChatMode(ChatMode.AFK, "lunch"));
            assertThat(alice.nextFrame(QUIET.multipliedBy(10)).hex())
                    .isEqualTo("09 00 66 00 01 6C 75 6E 63 68 00");
            alice.expectNothing(QUIET);
            bob.expectNothing(QUIET);
        }
    }

    @Test
    void instantMessagesInEachForm() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            // want info 0 (the bots leave the byte out): type 0 to the target only
            alice.send(new SendIm("Bob", "hey", 0));
            assertThat(bob.expect(InstantMessage.class)).isEqualTo(InstantMessage.plain("Alice", "hey"));
            alice.expectNothing(QUIET);
            // want info 1: type 1 with the sender's card to the target, type 2 with the target's card as the echo
            alice.send(new SendIm("bob", "hey", 1));
            InstantMessage received = bob.expect(InstantMessage.class);
            assertThat(received.type()).isEqualTo(InstantMessage.WITH_SENDER_CARD);
            assertThat(received.card().displayName()).isEqualTo("Alice");
            assertThat(received.card().accountId()).isEqualTo(h.id("Alice"));
            assertThat(received.card().status()).isEqualTo(ChatStatus.CONNECTED);
            InstantMessage echo = alice.expect(InstantMessage.class);
            assertThat(echo.type()).isEqualTo(InstantMessage.ECHO_WITH_RECIPIENT_CARD);
            assertThat(echo.card().displayName()).isEqualTo("Bob");
            assertThat(echo.message()).isEqualTo("hey");
            // offline or invisible: 0x1D with the name as sent; DND is not consulted for IMs
            alice.send(new SendIm("Nobody", "x", 1));
            assertThat(alice.expect(ImFailed.class)).isEqualTo(new ImFailed("Nobody"));
            bob.send(new SetChatMode(ChatMode.DND, ""));
            bob.expect(ChatModeChanged.class);
            alice.send(new SendIm("Bob", "still", 0));
            assertThat(bob.expect(InstantMessage.class).message()).isEqualTo("still");
        }
    }

    @Test
    void userInfoInEveryState() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            h.account("Sleeper", AccountType.REGULAR);
            // §6.5: unknown -> 0x2B (as sent); offline -> 0x2C with last seen "never" until a first disconnect
            alice.send(new RequestUserInfo("nobody"));
            assertThat(alice.expect(UserInfoNoExist.class)).isEqualTo(new UserInfoNoExist("nobody"));
            alice.send(new RequestUserInfo("sleeper"));
            assertThat(alice.expect(UserInfoOffline.class)).isEqualTo(new UserInfoOffline("Sleeper", "never"));
            ChatClient sleeper = h.game("Sleeper");
            sleeper.close();
            Thread.sleep(500);
            alice.send(new RequestUserInfo("Sleeper"));
            assertThat(alice.expect(UserInfoOffline.class).lastSeen()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

            // online: the channels the requester can see (not the passworded one)
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("Open"));
            bob.expect(ChangedChannel.class);
            bob.send(new JoinChannel("Locked"));
            bob.expect(ChangedChannel.class);
            bob.send(new SetChannelPassword(3, "pw"));
            bob.await(org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged.class);
            alice.send(new RequestUserInfo("BOB"));
            assertThat(alice.expect(UserInfoOnline.class)).isEqualTo(new UserInfoOnline("Bob",
                    java.util.List.of("Open")));
            // an admin of the locked channel sees it
            bob.send(new RequestUserInfo("Bob"));
            assertThat(bob.expect(UserInfoOnline.class).channels()).containsExactly("Open", "Locked");

            // joining, then in a game
            bob.send(new JoiningGame("198.51.100.20:11235"));
            Thread.sleep(200);
            alice.send(new RequestUserInfo("Bob"));
            assertThat(alice.expect(UserInfoInGame.class)).isEqualTo(new UserInfoInGame("Bob", "", ""));
            bob.send(new JoinedGame("Bob's game", 123456, false));
            Thread.sleep(200);
            alice.send(new RequestUserInfo("Bob"));
            assertThat(alice.expect(UserInfoInGame.class)).isEqualTo(new UserInfoInGame("Bob", "Bob's game", ""));

            // invisible online sessions do not exist to others
            h.game("Ghost", AccountType.REGULAR, ChatMode.INVISIBLE);
            alice.send(new RequestUserInfo("ghost"));
            assertThat(alice.expect(UserInfoNoExist.class)).isEqualTo(new UserInfoNoExist("ghost"));
            // 0x0C05 / 0x1C08
            alice.send(new GetUserStatus("bob"));
            assertThat(alice.expect(UserStatus.class)).isEqualTo(new UserStatus("bob", ChatStatus.IN_GAME));
            alice.send(new GetUserStatus("Ghost"));
            assertThat(alice.expect(UserStatus.class)).isEqualTo(new UserStatus("Ghost", ChatStatus.DISCONNECTED));
        }
    }

    @Test
    void commandsAfterAStoreLookupWaitForIt() throws Exception {
        // §1.3 rule 6: 0x2A for an offline account needs the store; the next command is answered after it
        try (ChatHarness h = new ChatHarness(dir)) {
            h.account("Sleeper", AccountType.REGULAR);
            ChatClient alice = h.game("Alice");
            h.game("Bob");
            for (int i = 0; i < 20; i++) {
                alice.send(new RequestUserInfo("Sleeper"));
                alice.send(new SendWhisper("Nobody", "n" + i));
            }
            for (int i = 0; i < 20; i++) {
                alice.expect(UserInfoOffline.class);
                assertThat(alice.expect(WhisperFailed.class).message()).isEqualTo("n" + i);
            }
        }
    }

    @Test
    void staffBroadcastReachesEveryone() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient boss = h.game("Boss", AccountType.STAFF, ChatMode.AVAILABLE);
            ChatClient alice = h.game("Alice");
            ChatClient bot = h.legacy("Bot");
            boss.send(new BroadcastMessage(ChatBroadcastType.MESSAGE, 0, "maintenance at 5"));
            for (ChatClient c : java.util.List.of(boss, alice, bot)) {
                assertThat(c.expect(MessageAll.class)).isEqualTo(new MessageAll("Boss", "maintenance at 5"));
            }
            // not staff: refused silently; type 1 is ignored in this phase
            alice.send(new BroadcastMessage(ChatBroadcastType.MESSAGE, 0, "me too"));
            boss.send(new BroadcastMessage(ChatBroadcastType.SCHEDULED_MATCH, 7, "match"));
            bot.expectNothing(QUIET);
        }
    }
}
