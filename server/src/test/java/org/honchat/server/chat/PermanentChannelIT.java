package org.honchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.JoinChannelPassword;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthAdded;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthDisabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelAuthEnabled;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelBan;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelIsBanned;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ModerationRequests.AddChannelAuthUser;
import org.honchat.protocol.serverbound.ModerationRequests.BanFromChannel;
import org.honchat.protocol.serverbound.ModerationRequests.DisableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.EnableChannelAuth;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.server.cli.Main;
import org.honchat.server.store.Database;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permanent channels from the command line, kept across restarts with their settings and bans (§6.3). */
class PermanentChannelIT {

    @TempDir
    Path dir;

    private static final Duration QUIET = Duration.ofMillis(300);

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withDir = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", dir.toString())).toArray(String[]::new);
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), withDir);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void channelCommandsTakeEffectOnARunningServerAtOnce() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("Scratch"));
            long scratch = alice.expect(ChangedChannel.class).channelId();
            // through the admin API: a new id no channel in use has, joinable at once with the PERMANENT flag
            String[] created = run("channel", "create", "Live Room", "--topic", "made live");
            assertThat(created[0]).as(created[2]).isEqualTo("0");
            assertThat(created[1]).contains("open on the running server now");
            long id = Long.parseLong(created[1].lines().findFirst().orElseThrow().strip());
            assertThat(id).isGreaterThan(scratch);
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("live room"));
            ChangedChannel live = bob.expect(ChangedChannel.class);
            assertThat(live.channelId()).isEqualTo(id);
            assertThat(live.flags()).isEqualTo(new ChannelFlags(ChannelFlags.PERMANENT));
            assertThat(live.topic()).isEqualTo("made live");
            assertThat(h.server.database().channels().find("Live Room")).isPresent();
            // an admin level set live: members present get 0x2F with the new list; the store keeps it
            String[] admin = run("channel", "admin", "Live Room", "Alice", "--level", "officer");
            assertThat(admin[0]).as(admin[2]).isEqualTo("0");
            assertThat(admin[1]).contains("running server");
            assertThat(bob.await(ChannelUpdate.class).admins())
                    .contains(new AdminEntry(h.id("Alice"), AdminLevel.OFFICER));
            assertThat(h.server.database().channels().find("Live Room").orElseThrow().admins())
                    .containsEntry(h.id("Alice"), AdminLevel.OFFICER);
            // topic and password changed live through the admin API
            var api = org.honchat.server.admin.RunningServer.find(dir).orElseThrow();
            assertThat(api.call("PUT", "/api/channels/Live%20Room", "{\"topic\":\"new live topic\"}").status())
                    .isEqualTo(200);
            assertThat(bob.await(ChannelTopic.class)).isEqualTo(new ChannelTopic(id, "new live topic"));
            assertThat(h.server.database().channels().find("Live Room").orElseThrow().topic())
                    .isEqualTo("new live topic");
            String[] taken = run("channel", "create", "scratch");
            assertThat(taken[0]).isEqualTo("2");
            assertThat(taken[2]).contains("exists");
            // deleted: gone from the store at once, and from the server when its last member leaves
            String[] deleted = run("channel", "delete", "Live Room");
            assertThat(deleted[0]).as(deleted[2]).isEqualTo("0");
            assertThat(deleted[1]).contains("running server");
            assertThat(h.server.database().channels().find("Live Room")).isEmpty();
            bob.send(new LeaveChannel("Live Room"));
            bob.await(LeftChannel.class);
            bob.send(new JoinChannel("Live Room"));
            assertThat(bob.await(ChangedChannel.class).flags()).isEqualTo(ChannelFlags.NONE);
        }
    }

    /**
     * §6.3 step 12 gives the first player to join a permanent channel without admin entries the ADMINISTRATOR level;
     * {@code --admin} names that administrator instead, whether the server runs or not.
     */
    @Test
    void aChannelCreatedWithAnAdministratorDoesNotCrownItsFirstVisitor() throws Exception {
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient alice = h.game("Alice");
            ChatClient bob = h.game("Bob");
            assertThat(run("channel", "create", "Staff Room", "--admin", "alice")[0]).isEqualTo("0");
            bob.send(new JoinChannel("Staff Room"));
            ChangedChannel staffRoom = bob.expect(ChangedChannel.class);
            assertThat(staffRoom.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR));
            assertThat(h.server.database().channels().find("Staff Room").orElseThrow().admins())
                    .containsExactly(Map.entry(h.id("Alice"), AdminLevel.ADMINISTRATOR));
            // without --admin: the first visitor becomes its administrator (what operators should know)
            assertThat(run("channel", "create", "Open Room")[0]).isEqualTo("0");
            bob.send(new JoinChannel("Open Room"));
            assertThat(bob.expect(ChangedChannel.class).admins())
                    .containsExactly(new AdminEntry(h.id("Bob"), AdminLevel.ADMINISTRATOR));
            String[] unknown = run("channel", "create", "Nobody's Room", "--admin", "nobody");
            assertThat(unknown[0]).isEqualTo("2");
            assertThat(unknown[2]).contains("no account named 'nobody'");
            alice.send(new JoinChannel("Staff Room"));
            assertThat(alice.expect(ChangedChannel.class).channelId()).isEqualTo(staffRoom.channelId());
        }
        // stored while no server runs: the same administrator at the next start
        String[] stored = run("channel", "create", "Quiet Room", "--admin", "Bob");
        assertThat(stored[0]).as(stored[2]).isEqualTo("0");
        try (Database db = Database.open(ChatHarness.config(dir))) {
            assertThat(db.channels().find("Quiet Room").orElseThrow().admins()).containsOnlyKeys(
                    db.accounts().findByName("Bob").orElseThrow().id());
        }
    }

    @Test
    void settingsAndBansSurviveARestart() throws Exception {
        assertThat(run("account", "create", "Alice", "--password", "pw-Alice")[0]).isEqualTo("0");
        assertThat(run("account", "create", "Bob", "--password", "pw-Bob")[0]).isEqualTo("0");
        assertThat(run("account", "create", "Carol", "--password", "pw-Carol")[0]).isEqualTo("0");
        String[] created = run("channel", "create", "  The   Lounge ", "--topic", "Chill here", "--password", "pw");
        assertThat(created[0]).as(created[2]).isEqualTo("0");
        long id = Long.parseLong(created[1].lines().findFirst().orElseThrow().strip());
        assertThat(created[1]).contains("no server is running");
        assertThat(id).isEqualTo(2);
        assertThat(run("channel", "admin", "the lounge", "Alice", "--level", "administrator")[0]).isEqualTo("0");
        // refused: the general channel's names, clan and match names, duplicates, unknown levels
        assertThat(run("channel", "create", "HoN 3")[0]).isEqualTo("2");
        assertThat(run("channel", "create", "Clan Kongor")[0]).isEqualTo("2");
        String[] duplicate = run("channel", "create", "the LOUNGE");
        assertThat(duplicate[0]).isEqualTo("2");
        assertThat(duplicate[2]).contains("already exists");
        assertThat(run("channel", "admin", "The Lounge", "Alice", "--level", "emperor")[0]).isEqualTo("2");

        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("the lounge"));
            assertThat(bob.expect(JoinChannelPassword.class).channelName()).isEqualTo("The Lounge");
            bob.send(new JoinChannelWithPassword("The Lounge", "PW"));
            ChangedChannel lounge = bob.expect(ChangedChannel.class);
            assertThat(lounge.channelId()).isEqualTo(id);
            assertThat(lounge.flags()).isEqualTo(new ChannelFlags(ChannelFlags.PERMANENT));
            assertThat(lounge.topic()).isEqualTo("Chill here");
            // the stored administrator is listed while offline, and is not the first joiner
            assertThat(lounge.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR));

            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("The Lounge")); // administrators skip the password
            alice.await(ChangedChannel.class);
            alice.send(new BanFromChannel(id, "Bob"));
            alice.await(ChannelBan.class);
            alice.send(new AddChannelAuthUser(id, "Carol"));
            alice.await(ChannelAuthAdded.class);
            alice.send(new EnableChannelAuth(id));
            alice.await(ChannelAuthEnabled.class);
            alice.send(new SetChannelTopic(id, "new topic"));
            alice.await(ChannelTopic.class);
            alice.send(new SetChannelPassword(id, "pw2"));
            alice.await(ChannelPasswordChanged.class);
            alice.send(new LeaveChannel("The Lounge"));
            alice.await(LeftChannel.class);
            // kept although empty
            ChatClient carol = h.game("Carol");
            carol.send(new JoinChannelWithPassword("The Lounge", "pw2"));
            assertThat(carol.expect(ChangedChannel.class).channelId()).isEqualTo(id);
        }

        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            // the same id, topic, password, auth mode and list, admin, and ban
            ChatClient carol = h.game("Carol");
            carol.send(new JoinChannel("The Lounge"));
            carol.expect(JoinChannelPassword.class);
            carol.send(new JoinChannelWithPassword("The Lounge", "pw2"));
            ChangedChannel lounge = carol.expect(ChangedChannel.class);
            assertThat(lounge.channelId()).isEqualTo(id);
            assertThat(lounge.topic()).isEqualTo("new topic");
            assertThat(lounge.flags()).isEqualTo(new ChannelFlags(ChannelFlags.PERMANENT | ChannelFlags.AUTH_REQUIRED));
            assertThat(lounge.admins()).containsExactly(new AdminEntry(h.id("Alice"), AdminLevel.ADMINISTRATOR));
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannelWithPassword("The Lounge", "pw2"));
            bob.expectNothing(QUIET); // not on the auth list
            ChatClient alice = h.game("Alice");
            alice.send(new JoinChannel("The Lounge"));
            alice.await(ChangedChannel.class);
            alice.send(new DisableChannelAuth(id));
            alice.await(ChannelAuthDisabled.class);
            bob.send(new JoinChannelWithPassword("The Lounge", "pw2"));
            assertThat(bob.expect(ChannelIsBanned.class)).isEqualTo(new ChannelIsBanned("The Lounge"));
            // ids of new channels start above the stored ones
            bob.send(new JoinChannel("Elsewhere"));
            assertThat(bob.expect(ChangedChannel.class).channelId()).isEqualTo(id + 1);
        }

        String[] list = run("channel", "list");
        assertThat(list[1]).contains("The Lounge", "yes", "Alice:administrator");
        assertThat(run("channel", "delete", "The Lounge")[0]).isEqualTo("0");
        assertThat(run("channel", "delete", "The Lounge")[0]).isEqualTo("2");
        try (ChatHarness h = new ChatHarness(ChatHarness.config(dir))) {
            ChatClient bob = h.game("Bob");
            bob.send(new JoinChannel("The Lounge"));
            ChangedChannel fresh = bob.expect(ChangedChannel.class);
            assertThat(fresh.flags()).isEqualTo(ChannelFlags.NONE);
            assertThat(fresh.admins()).containsExactly(new AdminEntry(h.id("Bob"), AdminLevel.ADMINISTRATOR));
        }
    }

    @Test
    void anUnknownChannelIsRefusedOnOneLine() {
        String[] bad = run("channel", "admin", "Nowhere", "Alice", "--level", "officer");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2].strip()).isEqualTo("honchat: no permanent channel named 'Nowhere'");
    }
}
