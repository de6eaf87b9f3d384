package org.honchat.server.domain.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.clientbound.SessionPackets.Logout;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.Text;

/**
 * What an operator does to the live server through the admin API: look at sessions and channels, log a session
 * out, broadcast. Hub thread only; the admin port reaches it through the chat server's hub.
 */
public final class OperatorActions {

    /** The sender of an operator broadcast (docs/protocol.md §6.1 {@code 0x39}). */
    public static final String SERVER_MESSAGE = "Server Message";

    /** One session as the operator sees it. */
    public record SessionView(long accountId, String name, String clientKind, String address, String status,
            String chatMode, boolean invisible, List<String> channels, long connectedSinceMillis) {
    }

    /** One channel as the operator sees it. */
    public record ChannelView(long id, String name, String topic, int memberCount, boolean permanent,
            boolean passworded, List<String> members, List<AdminView> admins) {
    }

    /** One explicit admin entry of a channel: the account, its name when it is a member, its level. */
    public record AdminView(long accountId, String name, String level) {
    }

    /** Closes a session the way the chat rules do (clean-up of §3.10, then the connection). */
    public interface Closer {
        void close(ChatSession session);
    }

    private final Outbox out;
    private final Directory directory;
    private final Closer closer;
    private final ChannelRules channels;

    public OperatorActions(Outbox out, Directory directory, Closer closer, ChannelRules channels) {
        this.out = out;
        this.directory = directory;
        this.closer = closer;
        this.channels = channels;
    }

    /**
     * Opens a permanent channel at once, joinable with the PERMANENT flag; returns its id, or -1 when the name is
     * taken. The caller stores it with that id ({@link #abandonPermanent} undoes it if the store refuses).
     */
    public long openPermanent(String name, String topic, String password) {
        Channel channel = channels.openPermanent(name, topic, password);
        return channel == null ? -1 : channel.id;
    }

    /** A permanent channel stops being permanent: gone at once when empty, else when its last member leaves. */
    public boolean abandonPermanent(long channelId) {
        Channel channel = directory.channel(channelId);
        if (channel == null || !channel.stored) {
            return false;
        }
        channels.closePermanent(channel);
        return true;
    }

    /** The channel admin levels an operator may set, by the name the command line and the admin API use. */
    private static final java.util.Map<String, AdminLevel> LEVELS = java.util.Map.of("none", AdminLevel.NONE,
            "officer", AdminLevel.OFFICER, "leader", AdminLevel.LEADER, "administrator", AdminLevel.ADMINISTRATOR);

    /** The level named {@code none}, {@code officer}, {@code leader} or {@code administrator} (any case); else null. */
    public static AdminLevel levelNamed(String name) {
        return LEVELS.get(name.toLowerCase(Locale.ROOT));
    }

    /** A permanent channel's settings after an operator's change, for the store. */
    public record Settings(long id, int flags, String topic, String password) {
    }

    /**
     * Changes a permanent channel's topic and/or password (null: unchanged) live: members get {@code 0x30} for a new
     * topic and {@code 0x43} (set by {@code Server Message}) for a new password. Null when there is no such channel.
     */
    public Settings changePermanent(String name, String topic, String password) {
        Channel channel = directory.channelNamed(name);
        if (channel == null || !channel.stored) {
            return null;
        }
        if (topic != null && !topic.equals(channel.topic)) {
            channel.topic = topic;
            out.sendToMembers(channel, new ChannelTopic(channel.id, topic));
        }
        directory.changed(channel);
        if (password != null) {
            channel.password = password;
            out.sendToMembers(channel, new ChannelPasswordChanged(channel.id, SERVER_MESSAGE));
        }
        return new Settings(channel.id, channel.flags.bits(), channel.topic, channel.password);
    }

    /**
     * Sets an account's explicit admin level in a permanent channel live; members get {@code 0x2F} with the new
     * admin list (§6.1: the list the clients show). Returns the channel id, or -1 when there is no such channel.
     */
    public long setAdmin(String name, long accountId, AdminLevel level) {
        Channel channel = directory.channelNamed(name);
        if (channel == null || !channel.stored) {
            return -1;
        }
        if (level == AdminLevel.NONE) {
            channel.explicitAdmins.remove(accountId);
        } else {
            channel.explicitAdmins.put(accountId, level);
        }
        directory.changed(channel);
        out.sendToMembers(channel, new ChannelUpdate(channel.id, channel.name, channel.flags, channel.topic,
                channel.adminList()));
        return channel.id;
    }

    /** The id of a stored (permanent) channel of that name, or -1. */
    public long permanentId(String name) {
        Channel channel = directory.channelNamed(name);
        return channel != null && channel.stored ? channel.id : -1;
    }

    /** Online sessions whose name contains {@code search} (any case; empty: all), by name. */
    public List<SessionView> sessions(String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        List<SessionView> views = new ArrayList<>();
        for (ChatSession s : directory.sessions()) {
            if (needle.isEmpty() || s.displayName().toLowerCase(Locale.ROOT).contains(needle)) {
                views.add(view(s));
            }
        }
        views.sort(Comparator.comparing(v -> v.name().toLowerCase(Locale.ROOT)));
        return views;
    }

    /** The session of an account name, bare or tagged; null when it is not online. */
    public SessionView session(String name) {
        ChatSession s = directory.sessionNamed(name);
        return s == null ? null : view(s);
    }

    private static SessionView view(ChatSession s) {
        List<String> channels = s.channels.stream().map(c -> c.name).toList();
        return new SessionView(s.accountId, s.displayName(), s.gameClient ? "game client" : "legacy",
                s.endpoint.remoteAddress().replaceFirst("^/", ""), s.status.name().toLowerCase(Locale.ROOT),
                s.chatMode.name().toLowerCase(Locale.ROOT), s.invisible, channels, s.connectedAtMillis);
    }

    /**
     * §3.11 operator logout: a game client gets {@code 0x00C1} (log out staff too) and is closed; a bot is closed.
     * Returns whether the account had a session.
     */
    public boolean kick(String name) {
        ChatSession s = directory.sessionNamed(name);
        return s != null && kick(s);
    }

    /** The same for an account id (a disabled account loses its session at once). */
    public boolean kick(long accountId) {
        ChatSession s = directory.session(accountId);
        return s != null && kick(s);
    }

    private boolean kick(ChatSession s) {
        if (s.gameClient) {
            out.send(s, new Logout(1));
        }
        closer.close(s);
        return true;
    }

    /** The longest operator broadcast, in UTF-8 bytes: what fits one {@code 0x39} frame (§1.4 rule 3). */
    public static final int BROADCAST_MAX_BYTES = Text.broadcastBytes(SERVER_MESSAGE);

    /**
     * A staff broadcast from the server itself: {@code 0x39} with sender {@code Server Message} to everyone. The
     * caller checks {@link #BROADCAST_MAX_BYTES}; a longer text is refused here rather than failing at encode time.
     */
    public int broadcast(String message) {
        if (Text.utf8Length(message) > BROADCAST_MAX_BYTES) {
            throw new IllegalArgumentException("a broadcast has at most " + BROADCAST_MAX_BYTES + " bytes of UTF-8");
        }
        List<ChatSession> everyone = List.copyOf(directory.sessions());
        out.send(everyone, new MessageAll(SERVER_MESSAGE, message));
        return everyone.size();
    }

    /** Every channel, by id, with its members' names. */
    public List<ChannelView> channels() {
        List<ChannelView> views = new ArrayList<>();
        for (Channel c : directory.channelsFrom(0)) {
            views.add(view(c));
        }
        return views;
    }

    /** One channel by name, or null. */
    public ChannelView channel(String name) {
        Channel c = directory.channelNamed(name);
        return c == null ? null : view(c);
    }

    private static ChannelView view(Channel c) {
        List<String> members = c.members.values().stream().map(ChatSession::displayName).sorted().toList();
        List<AdminView> admins = new ArrayList<>();
        for (var entry : c.adminList()) {
            admins.add(new AdminView(entry.accountId(), nameOf(c, entry.accountId()),
                    entry.level().name().toLowerCase(Locale.ROOT)));
        }
        return new ChannelView(c.id, c.name, c.topic, members.size(), c.stored, c.hasPassword(), members, admins);
    }

    private static String nameOf(Channel c, long accountId) {
        ChatSession member = c.members.get(accountId);
        return member == null ? "account " + accountId : member.displayName();
    }

    public int onlineCount() {
        return directory.onlineCount();
    }

    public int channelCount() {
        return directory.channelsFrom(0).size();
    }
}
