package org.honchat.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MatchmakingPackets.AutoMatchConnect;
import org.honchat.protocol.clientbound.MatchmakingPackets.JoinedQueue;
import org.honchat.protocol.clientbound.MatchmakingPackets.MatchFound;
import org.honchat.protocol.clientbound.MatchmakingPackets.ServerNotIdle;
import org.honchat.protocol.clientbound.MatchmakingPackets.StartLoading;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;

/**
 * What the console client shows and sends, apart from its sockets and terminal: the channels it is in, the names it
 * has seen, and which channel a plain line goes to. A line that cannot be sent says why instead of vanishing; a
 * member is always shown by name (its own account included), never by id. Safe to use from the reading thread and
 * the typing thread at once.
 */
public final class ConsoleView {

    /** What a typed line comes to: a command to send, a line to show, or both absent (nothing to do). */
    public record Typed(ServerboundPacket send, String show) {
    }

    private final long selfId;
    private final String selfName;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    /** The channels this session is in, by id, in the order joined; the last one is where plain lines go. */
    private final Map<Long, String> joined = new LinkedHashMap<>();

    public ConsoleView(long selfId, String selfName) {
        this.selfId = selfId;
        this.selfName = selfName;
        names.put(selfId, selfName);
    }

    /** A typed line (other than {@code /quit} and the matchmaking commands, which the client handles itself). */
    public synchronized Typed typed(String line) {
        if (line.startsWith("/join ") && !line.substring(6).isBlank()) {
            return new Typed(new JoinChannel(line.substring(6).strip()), null);
        }
        if (line.startsWith("/leave ") && !line.substring(7).isBlank()) {
            return new Typed(new LeaveChannel(line.substring(7).strip()), null);
        }
        if (line.startsWith("/w ") && line.indexOf(' ', 3) > 0) {
            int space = line.indexOf(' ', 3);
            return new Typed(new SendWhisper(line.substring(3, space), line.substring(space + 1)), null);
        }
        if (line.startsWith("/im ") && line.indexOf(' ', 4) > 0) {
            int space = line.indexOf(' ', 4);
            return new Typed(new SendIm(line.substring(4, space), line.substring(space + 1), 1), null);
        }
        if (line.startsWith("/")) {
            return new Typed(null, "* unknown command: " + line.split(" ", 2)[0]
                    + " (/join, /leave, /w, /im, /queue, /unqueue, /quit)");
        }
        if (line.isBlank()) {
            return new Typed(null, null);
        }
        if (joined.isEmpty()) {
            return new Typed(null, "* not sent: you are in no channel yet (wait for \"* joined\", or /join NAME)");
        }
        long current = currentChannel();
        return new Typed(new SendChannelMessage(line, current), null);
    }

    /** The channel plain lines go to: the last one joined and not left; -1 when none. */
    public synchronized long currentChannel() {
        long current = -1;
        for (long id : joined.keySet()) {
            current = id;
        }
        return current;
    }

    /** The line to show for a received command, or null for one the console does not show. */
    public synchronized String received(ClientboundPacket packet) {
        if (packet instanceof ChangedChannel c) {
            joined.remove(c.channelId());
            joined.put(c.channelId(), c.name());
            c.members().forEach(m -> names.put(m.accountId(), m.displayName()));
            return "* joined " + c.name() + " (" + (c.members().size() + 1) + " members) " + c.topic();
        }
        if (packet instanceof JoinedChannel j) {
            names.put(j.member().accountId(), j.member().displayName());
            return "* " + j.member().displayName() + " joined " + channel(j.channelId());
        }
        if (packet instanceof LeftChannel l) {
            String channel = channel(l.channelId());
            if (l.accountId() == selfId) {
                joined.remove(l.channelId());
                long current = currentChannel();
                return "* you left " + channel + (current < 0 ? "; you are in no channel now (/join NAME)"
                        : "; lines now go to " + joined.get(current));
            }
            return "* " + name(l.accountId()) + " left " + channel;
        }
        if (packet instanceof ChannelMessage m) {
            return "[" + channel(m.channelId()) + "] " + name(m.senderId()) + ": " + m.message();
        }
        if (packet instanceof Whisper w) {
            return "<" + w.senderName() + " whispers> " + w.message();
        }
        if (packet instanceof WhisperFailed f) {
            return "* " + f.targetName() + " is not online";
        }
        if (packet instanceof InstantMessage im) {
            String who = im.card() != null ? im.card().displayName() : im.senderName();
            return (im.type() == InstantMessage.ECHO_WITH_RECIPIENT_CARD ? "(to " + who + ") "
                    : "(IM from " + who + ") ") + im.message();
        }
        if (packet instanceof MessageAll all) {
            return "!! " + all.sender() + ": " + all.message();
        }
        if (packet instanceof AuthRejected rejected) {
            return "* rejected: " + rejected.reason();
        }
        if (packet instanceof StartLoading) {
            return "* loading the map";
        }
        if (packet instanceof JoinedQueue) {
            return "* in the queue";
        }
        if (packet instanceof MatchFound found) {
            return "* match found: " + found.map() + ", " + found.mode() + ", " + found.region();
        }
        if (packet instanceof AutoMatchConnect connect) {
            return "* " + (connect.isReminder() ? "reminder: " : "") + "connect to match " + connect.matchId()
                    + " at " + connect.address() + ":" + connect.port();
        }
        if (packet instanceof ServerNotIdle) {
            return "* the match server could not take the match; queue again";
        }
        if (packet instanceof GroupJoinFailed failed) {
            return "* matchmaking refused (reason " + failed.reason() + ")";
        }
        if (packet instanceof GroupQueueUpdate update && update.updateType() != 11) {
            return "* queue update " + update.updateType();
        }
        return null;
    }

    private String channel(long id) {
        return joined.getOrDefault(id, "#" + id);
    }

    private String name(long accountId) {
        return names.getOrDefault(accountId, accountId == selfId ? selfName : "account " + accountId);
    }
}
