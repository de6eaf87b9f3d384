package org.honchat.server.domain.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.ChatEmote;
import org.honchat.protocol.clientbound.ChannelPackets.ChatRoll;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisper;
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisperFailed;
import org.honchat.protocol.clientbound.MessagePackets.ImFailed;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperBuddies;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.Text;

/**
 * Messages: to a channel ({@code 0x03}, roll and emote, docs/protocol.md §6.2 and §6.6), to one player (whisper and IM,
 * §6.4), to every buddy ({@code 0x20}), to the clan ({@code 0x13}) and to everyone ({@code 0x39}). Hub thread only.
 */
public final class Messages {

    private final Outbox out;
    private final Directory directory;
    private final Clock clock;

    public Messages(Outbox out, Directory directory, Clock clock) {
        this.out = out;
        this.directory = directory;
        this.clock = clock;
    }

    /** The members of the sender's channel who may hear it, or null when the sender may not speak there. */
    private List<ChatSession> audience(ChatSession s, Channel channel) {
        if (channel == null || !channel.isMember(s)) {
            return null;
        }
        if (!s.isStaff() && channel.isSilenced(s.accountId, clock.millis())) {
            out.send(s, new ChannelSilenced(channel.id));
            return null;
        }
        List<ChatSession> others = new ArrayList<>(channel.members.size());
        for (ChatSession member : channel.members.values()) {
            if (member != s) {
                others.add(member);
            }
        }
        return others;
    }

    /** §6.2 0x03. */
    public void channelMessage(ChatSession s, long channelId, String message) {
        if (message.isEmpty()) {
            return;
        }
        Channel channel = directory.channel(channelId);
        List<ChatSession> others = audience(s, channel);
        if (others != null) {
            out.send(others, new ChannelMessage(s.accountId, channel.id, Text.cut(message, Text.MESSAGE)));
        }
    }

    /** §6.6: relayed verbatim; LEGACY members get the command itself, game clients a prefixed 0x03. */
    public void rollOrEmote(ChatSession s, long channelId, String text, boolean roll) {
        Channel channel = directory.channel(channelId);
        List<ChatSession> others = audience(s, channel);
        String cut = Text.cut(text, Text.MESSAGE);
        if (others == null || cut.isEmpty()) {
            return;
        }
        List<ChatSession> legacy = new ArrayList<>();
        List<ChatSession> game = new ArrayList<>();
        for (ChatSession member : others) {
            (member.gameClient ? game : legacy).add(member);
        }
        out.send(legacy, roll ? new ChatRoll(s.accountId, channel.id, cut) : new ChatEmote(s.accountId, channel.id, cut));
        String shown = Text.cut((roll ? "[ROLL] " : "[EMOTE] ") + cut, Text.MESSAGE);
        out.send(game, new ChannelMessage(s.accountId, channel.id, shown));
    }

    /** §6.4 whisper: offline, invisible and DND targets fail; AFK ones answer with their reason. */
    public void whisper(ChatSession s, String targetName, String message) {
        ChatSession target = directory.sessionNamed(targetName);
        if (target == s) {
            return;
        }
        String cut = Text.cut(message, Text.MESSAGE);
        if (target == null || target.invisible) {
            out.send(s, new WhisperFailed(targetName, cut));
            return;
        }
        if (target.chatMode == ChatMode.DND) {
            out.send(s, new WhisperFailed(targetName, cut));
            out.send(s, new ChatModeAutoResponse(ChatMode.DND, target.displayName(), target.awayReason));
            return;
        }
        out.send(target, new Whisper(s.displayName(), cut));
        if (target.chatMode == ChatMode.AFK) {
            out.send(s, new ChatModeAutoResponse(ChatMode.AFK, target.displayName(), target.awayReason));
        }
    }

    /** §6.4 IM: type 1 with the echo when the sender wants the cards, else type 0. */
    public void im(ChatSession s, String targetName, String message, boolean wantInfo) {
        ChatSession target = directory.sessionNamed(targetName);
        if (target == s) {
            return;
        }
        if (target == null || target.invisible) {
            out.send(s, new ImFailed(targetName));
            return;
        }
        String cut = Text.cut(message, Text.MESSAGE);
        if (wantInfo) {
            out.send(target, InstantMessage.fromSender(s.shortCard(), cut));
            out.send(s, InstantMessage.echo(target.shortCard(), cut));
        } else {
            out.send(target, InstantMessage.plain(s.displayName(), cut));
        }
    }

    /** §6.2 0x20: every online buddy not in DND. */
    public void whisperBuddies(ChatSession s, String message) {
        if (message.isEmpty()) {
            return;
        }
        List<ChatSession> to = new ArrayList<>();
        for (long id : s.buddies) {
            ChatSession buddy = directory.session(id);
            if (buddy != null && buddy.chatMode != ChatMode.DND) {
                to.add(buddy);
            }
        }
        out.send(to, new WhisperBuddies(s.displayName(), Text.cut(message, Text.MESSAGE)));
    }

    /** §6.2 0x13. */
    public void clanWhisper(ChatSession s, String message) {
        if (!s.inClan()) {
            out.send(s, ClanWhisperFailed.INSTANCE);
            return;
        }
        List<ChatSession> others = new ArrayList<>(directory.clanMembersOnline(s.clanId));
        others.remove(s);
        out.send(others, new ClanWhisper(s.accountId, Text.cut(message, Text.MESSAGE)));
    }

    /**
     * §6.2 0x39 (staff only, checked by the command table): type 0 goes to everyone, cut so its frame fits (a long
     * display name plus a text that filled the inbound frame would not); type 1 is not in this phase.
     */
    public void broadcast(ChatSession s, ChatBroadcastType type, String message) {
        if (type == ChatBroadcastType.MESSAGE) {
            String sender = s.displayName();
            out.send(directory.sessions(), new MessageAll(sender, Text.cutUtf8(message, Text.broadcastBytes(sender))));
        }
    }
}
