package org.honchat.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAddFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAdded;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthEnabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthRemoveFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelBan;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelDemote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelKick;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPromote;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenceLifted;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilencePlaced;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DemoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.KickFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.PromoteInChannel;
import org.honchat.protocol.serverbound.ModerationRequests.RemoveChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.ModerationRequests.SilenceInChannel;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.domain.core.ChatSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The moderation rows of docs/protocol.md §6.2 (§6.3 "Moderation": strictly higher levels act on lower ones, nobody
 * on staff), in-process on {@link DomainHarness}: Alice created "Fans" and is its ADMINISTRATOR (§6.3 step 12), Bob
 * and Carol are plain members. Each test ends with the harness's invariant check.
 */
class ModerationTest {

    private final DomainHarness chat = new DomainHarness();
    private ChatSession alice;
    private ChatSession bob;
    private ChatSession carol;
    private long fans;

    @BeforeEach
    void aliceRunsFans() {
        alice = chat.login("Alice");
        bob = chat.login("Bob");
        carol = chat.login("Carol");
        chat.send(alice, new JoinChannel("Fans"));
        fans = chat.out.to(alice, ChangedChannel.class).get(0).channelId();
        chat.send(bob, new JoinChannel("Fans"));
        chat.send(carol, new JoinChannel("Fans"));
        chat.out.clear();
    }

    @AfterEach
    void theStateStaysConsistent() {
        assertThat(chat.inconsistencies()).isEmpty();
    }

    @Test
    void onlyOfficersAndAboveSetTheTopicAndOnlyAChangeIsSent() {
        chat.send(bob, new SetChannelTopic(fans, "mine now"));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new SetChannelTopic(fans, "Welcome, fans"));
        assertThat(chat.out.to(carol)).containsExactly(new ChannelTopic(fans, "Welcome, fans"));
        chat.out.clear();
        chat.send(alice, new SetChannelTopic(fans, "Welcome, fans"));
        assertThat(chat.out.deliveries()).as("an unchanged topic is not sent again").isEmpty();
    }

    @Test
    void aKickNeedsAHigherLevelAndTellsEveryoneBeforeTheLeave() {
        chat.send(bob, new KickFromChannel(fans, carol.accountId));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new KickFromChannel(fans, bob.accountId));
        assertThat(chat.out.to(carol)).containsExactly(new ChannelKick(fans, alice.accountId, bob.accountId),
                new LeftChannel(bob.accountId, fans));
    }

    @Test
    void aBanRemovesTheMemberAndKeepsThemOutUntilLifted() {
        chat.send(alice, new BanFromChannel(fans, "bob"));
        // out of the channel first, then the ban with the display name (§1.5: not an "as sent" field)
        assertThat(chat.out.to(carol)).containsExactly(new LeftChannel(bob.accountId, fans),
                new ChannelBan(fans, alice.accountId, "Bob"));
        assertThat(chat.out.to(bob, ChannelBan.class)).hasSize(1);
        chat.out.clear();
        chat.send(bob, new JoinChannel("Fans"));
        assertThat(chat.out.to(bob, ChangedChannel.class)).as("a banned player cannot come back").isEmpty();
    }

    @Test
    void aSilenceStopsMessagesUntilItExpires() {
        chat.send(alice, new SilenceInChannel(fans, "Bob", 60_000));
        assertThat(chat.out.to(carol, ChannelSilencePlaced.class)).hasSize(1);
        chat.out.clear();
        chat.send(bob, new SendChannelMessage("can anyone hear me", fans));
        assertThat(chat.out.to(bob)).containsExactly(new ChannelSilenced(fans));
        assertThat(chat.out.to(carol)).isEmpty();
        chat.out.clear();
        chat.advance(60_000);
        assertThat(chat.out.to(bob)).containsExactly(new ChannelSilenceLifted("Fans"));
    }

    @Test
    void staffCannotBeKickedBannedOrSilenced() {
        ChatSession mod = chat.login("Mod", AccountType.STAFF, true);
        chat.send(mod, new JoinChannel("Fans"));
        chat.out.clear();
        chat.send(alice, new KickFromChannel(fans, mod.accountId));
        chat.send(alice, new BanFromChannel(fans, "Mod"));
        chat.send(alice, new SilenceInChannel(fans, "Mod", 60_000));
        assertThat(chat.out.deliveries()).isEmpty();
    }

    @Test
    void promotionNeedsTwoLevelsMoreAndDemotionOneLevelMore() {
        chat.send(alice, new PromoteInChannel(fans, bob.accountId));
        assertThat(chat.out.to(carol)).containsExactly(new ChannelPromote(fans, bob.accountId, alice.accountId));
        chat.out.clear();
        // Bob is OFFICER now: he cannot promote Carol (OFFICER is not above NONE + 1)
        chat.send(bob, new PromoteInChannel(fans, carol.accountId));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new DemoteInChannel(fans, bob.accountId));
        assertThat(chat.out.to(carol)).containsExactly(new ChannelDemote(fans, bob.accountId, alice.accountId));
    }

    @Test
    void theAuthListAndPasswordNeedLeaderAndAnswerTheRequester() {
        chat.send(bob, new EnableChannelAuth(fans));
        chat.send(bob, new SetChannelPassword(fans, "x"));
        assertThat(chat.out.deliveries()).isEmpty();
        chat.send(alice, new EnableChannelAuth(fans));
        assertThat(chat.out.to(carol)).containsExactly(new ChannelAuthEnabled(fans));
        chat.out.clear();
        chat.send(alice, new AddChannelAuthUser(fans, "[KON]Dave"));
        chat.send(alice, new AddChannelAuthUser(fans, "dave"));
        chat.send(alice, new RemoveChannelAuthUser(fans, "erin"));
        assertThat(chat.out.to(alice)).containsExactly(new ChannelAuthAdded(fans, "[KON]Dave"),
                new ChannelAuthAddFailed(fans, "dave"), new ChannelAuthRemoveFailed(fans, "erin"));
        chat.out.clear();
        chat.send(alice, new SetChannelPassword(fans, "secret"));
        assertThat(chat.out.to(bob)).containsExactly(new ChannelPasswordChanged(fans, "Alice"));
    }
}
