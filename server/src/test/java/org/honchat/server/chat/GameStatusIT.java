package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedGame;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedUser;
import org.honchat.protocol.clientbound.GamePackets.InviteRejected;
import org.honchat.protocol.clientbound.GamePackets.InvitedToServer;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.GameRequests.InviteUserById;
import org.honchat.protocol.serverbound.GameRequests.InviteUserByName;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.GameRequests.LeftGame;
import org.honchat.protocol.serverbound.GameRequests.RejectGameInvite;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining, joined and left game, and game invites, over real sockets: docs/protocol.md §6.9. */
class GameStatusIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void gameStatusMovesBetweenChannelsAndTellsPeers() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            ChatClient carol = h.game("Carol");
            alice.send(new JoinChannel("HoN"));
            alice.expect(ChangedChannel.class);
            bob.send(new JoinChannel("HoN"));
            bob.expect(ChangedChannel.class);
            alice.expect(JoinedChannel.class);
            alice.send(new JoinChannel("Friends"));
            alice.expect(ChangedChannel.class);
            carol.send(new JoinChannel("Friends"));
            carol.expect(ChangedChannel.class);
            alice.expect(JoinedChannel.class);
            long id = h.id("Alice");

            // 0x0F: status 4, out of the general channel (0x06 to all, the leaver included), 0x0C to peers
            alice.send(new JoiningGame("198.51.100.20:11235"));
            assertThat(alice.expect(LeftChannel.class)).isEqualTo(new LeftChannel(id, 1));
            assertThat(bob.expect(LeftChannel.class)).isEqualTo(new LeftChannel(id, 1));
            UpdateStatus joining = carol.expect(UpdateStatus.class);
            assertThat(joining.status()).isEqualTo(ChatStatus.JOINING_GAME);
            assertThat(joining.tail()).isEqualTo(PeerStatusTail.joining("198.51.100.20:11235"));
            bob.expectNothing(QUIET); // no longer a peer

            // 0x10 with the flag: status 5, forced into "Match <id>", 0x0C to peers
            alice.send(new JoinedGame("Alice's game", 123456, true));
            ChangedChannel match = alice.expect(ChangedChannel.class);
            assertThat(match.name()).isEqualTo("Match 123456");
            assertThat(match.flags()).isEqualTo(new ChannelFlags(0x2A));
            assertThat(match.topic()).isEqualTo("Post-Game Chat Channel");
            assertThat(match.admins()).isEmpty();
            UpdateStatus inGame = carol.expect(UpdateStatus.class);
            assertThat(inGame.status()).isEqualTo(ChatStatus.IN_GAME);
            assertThat(inGame.tail()).isEqualTo(new PeerStatusTail("198.51.100.20:11235", "Alice's game", 123456));
            // the match channel cannot be joined by name (§6.3 step 3)
            bob.send(new JoinChannel("Match 123456"));
            bob.expectNothing(QUIET);

            // 0x11: status 3, back into the general channel; the match channel is kept
            alice.send(new LeftGame());
            ChangedChannel general = alice.expect(ChangedChannel.class);
            assertThat(general.channelId()).isEqualTo(1);
            assertThat(bob.expect(JoinedChannel.class).member().accountId()).isEqualTo(id);
            UpdateStatus back = carol.expect(UpdateStatus.class);
            assertThat(back.status()).isEqualTo(ChatStatus.CONNECTED);
            assertThat(back.tail()).isEqualTo(PeerStatusTail.NONE);
            assertThat(bob.expect(UpdateStatus.class).status()).isEqualTo(ChatStatus.CONNECTED);
        }
    }

    @Test
    void spectatorsAndSecondGamesLeaveServerChannels() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            alice.send(new JoiningGame("1.2.3.4:5"));
            alice.send(new JoinedGame("first", 1, true));
            assertThat(alice.expect(ChangedChannel.class).name()).isEqualTo("Match 1");
            // a spectator (flag 0) of the next game leaves the old match channel and joins none
            alice.send(new JoinedGame("second", 2, false));
            assertThat(alice.expect(LeftChannel.class).channelId()).isEqualTo(2);
            alice.expectNothing(QUIET);
        }
    }

    @Test
    void gameInvites() throws Exception {
        try (ChatHarness h = new ChatHarness(dir)) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            // not in a game yet: 0x27; unknown target or self: 0x26
            alice.send(new InviteUserByName("Bob"));
            alice.expect(InviteFailedGame.class);
            alice.send(new InviteUserByName("Nobody"));
            alice.expect(InviteFailedUser.class);
            alice.send(new InviteUserById(h.id("Alice")));
            alice.expect(InviteFailedUser.class);
            alice.send(new JoiningGame("198.51.100.20:11235"));
            alice.send(new InviteUserById(h.id("Bob")));
            InvitedToServer invite = bob.expect(InvitedToServer.class);
            assertThat(invite.inviter().displayName()).isEqualTo("Alice");
            assertThat(invite.inviter().status()).isEqualTo(ChatStatus.JOINING_GAME);
            assertThat(invite.inviter().tail().serverAddress()).isEqualTo("198.51.100.20:11235");
            bob.send(new RejectGameInvite(h.id("Alice")));
            assertThat(alice.expect(InviteRejected.class)).isEqualTo(new InviteRejected("Bob", h.id("Bob")));
        }
    }
}
