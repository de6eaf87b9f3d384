package org.honchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.junit.jupiter.api.Test;

/** The console client says why a line was not sent and shows every member, itself included, by name. */
class ConsoleViewTest {

    private final ConsoleView view = new ConsoleView(1000, "Alice");

    private static MemberRecord member(long id, String name) {
        return new MemberRecord(name, id, ChatStatus.CONNECTED, ClientFlags.NONE, "", "white", "Default Icon", 0);
    }

    private static ChangedChannel channel(long id, String name, MemberRecord... others) {
        return new ChangedChannel(name, id, ChannelFlags.NONE, "", List.of(), List.of(others));
    }

    @Test
    void aLineTypedBeforeTheFirstJoinSaysWhyItWasNotSent() {
        ConsoleView.Typed early = view.typed("hello?");
        assertThat(early.send()).isNull();
        assertThat(early.show()).contains("not sent", "no channel yet");
        assertThat(view.typed("/join Fans").send()).isEqualTo(new JoinChannel("Fans"));
        assertThat(view.typed("").send()).isNull();
        assertThat(view.typed("").show()).isNull();
    }

    @Test
    void linesGoToTheLastJoinedChannelAndMoveOnWhenItIsLeft() {
        assertThat(view.received(channel(1, "HoN", member(1001, "Bob")))).startsWith("* joined HoN (2 members)");
        view.received(channel(7, "Fans"));
        assertThat(view.typed("hi").send()).isEqualTo(new SendChannelMessage("hi", 7));
        // its own leave is shown by name, and says where lines go now
        assertThat(view.received(new LeftChannel(1000, 7))).isEqualTo("* you left Fans; lines now go to HoN");
        assertThat(view.typed("back").send()).isEqualTo(new SendChannelMessage("back", 1));
        assertThat(view.received(new LeftChannel(1000, 1))).isEqualTo(
                "* you left HoN; you are in no channel now (/join NAME)");
        ConsoleView.Typed nowhere = view.typed("anyone?");
        assertThat(nowhere.send()).isNull();
        assertThat(nowhere.show()).contains("not sent");
    }

    @Test
    void membersAreShownByNameIncludingThoseSeenJoiningAndItsOwnMessages() {
        view.received(channel(1, "HoN", member(1001, "Bob")));
        assertThat(view.received(new JoinedChannel(1, member(1002, "[KON]Carol")))).isEqualTo(
                "* [KON]Carol joined HoN");
        assertThat(view.received(new ChannelMessage(1002, 1, "hey"))).isEqualTo("[HoN] [KON]Carol: hey");
        assertThat(view.received(new ChannelMessage(1000, 1, "mine"))).isEqualTo("[HoN] Alice: mine");
        assertThat(view.received(new LeftChannel(1001, 1))).isEqualTo("* Bob left HoN");
        assertThat(view.typed("/nosuch x").show()).startsWith("* unknown command: /nosuch");
    }
}
