package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ClanPackets.ClanInvite;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteAccepted;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteMember;
import org.honchat.protocol.serverbound.RequestBuddyAdd;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.server.cli.Main;
import org.honchat.testkit.chat.ChatClient;
import org.honchat.testkit.chat.ChatLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buddies, pending requests and clan membership survive a restart of the server (§6.7, §6.8). */
class SocialRestartIT {

    @TempDir
    Path dir;

    @Test
    void everythingAcknowledgedIsThereAfterARestart() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            h.account("Bob", AccountType.REGULAR);
            assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                    Map.of(), "clan", "create", "Kongor", "--tag", "KON", "--leader", "Bob", "--data-dir",
                    dir.toString())).isZero();
            h.account("Carol", AccountType.REGULAR);
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            // a friendship, a pending request to an offline account, and a clan join through an invite
            ChatHarness.befriend(alice, "Alice", bob, "Bob");
            alice.send(new RequestBuddyAdd("Carol"));
            assertThat(alice.await(BuddyAddResponse.class).type()).isEqualTo(BuddyAddResult.REQUEST_SENT);
            bob.send(new ClanInviteMember("Alice"));
            alice.await(ClanInvite.class);
            alice.send(new ClanInviteAccepted());
            alice.await(NewClanMember.class);
        }
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("Clan Kongor"));
            bob.await(ChangedChannel.class);
            // Alice: Bob is listed at login (buddy and clan mate), her tag and rank are back
            ChatLogin login = h.login("Alice");
            ChatClient alice = h.connect();
            alice.selfAccountId(login.accountId());
            alice.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
            alice.expect(AuthAccepted.class);
            alice.expect(Options.class);
            assertThat(alice.expect(InitialStatus.class).entries()).extracting(e -> e.accountId())
                    .containsExactly(h.id("Bob"));
            UpdateStatus seen = bob.await(UpdateStatus.class);
            assertThat(seen.accountId()).isEqualTo(login.accountId());
            assertThat(seen.clanName()).isEqualTo("Kongor");
            alice.send(new JoinChannel("Clan Kongor"));
            ChangedChannel clan = alice.await(ChangedChannel.class);
            assertThat(clan.members()).extracting(m -> m.displayName()).containsExactly("[KON]Bob");
            assertThat(clan.members().get(0).flags()).isEqualTo(ClientFlags.of(ClientFlags.CLAN_LEADER));
            // Carol's request waited through the restart
            ChatLogin carolLogin = h.login("Carol");
            ChatClient carol = h.connect();
            carol.send(carolLogin.gameClientConnect(ChatMode.AVAILABLE, "en"));
            BuddyAddResponse pending = carol.await(BuddyAddResponse.class);
            assertThat(pending.type()).isEqualTo(BuddyAddResult.REQUEST_RECEIVED);
            assertThat(pending.nickname()).isEqualTo("[KON]Alice");
        }
    }
}
