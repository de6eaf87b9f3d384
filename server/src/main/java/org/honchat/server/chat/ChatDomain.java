package org.honchat.server.chat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ChannelPackets.ChatEmote;
import org.honchat.protocol.clientbound.ChannelPackets.ChatRoll;
import org.honchat.protocol.clientbound.ChannelPackets.JoinChannelPassword;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ChannelPackets.MaxChannels;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedGame;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedUser;
import org.honchat.protocol.clientbound.GamePackets.InviteRejected;
import org.honchat.protocol.clientbound.GamePackets.InvitedToServer;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.MessagePackets.ImFailed;
import org.honchat.protocol.clientbound.MessagePackets.Whisper;
import org.honchat.protocol.clientbound.MessagePackets.WhisperFailed;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelIsBanned;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelSilenced;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoInGame;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoNoExist;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOffline;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOnline;
import org.honchat.protocol.clientbound.PresencePackets.UserStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.AuthRejected;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannelWithPassword;
import org.honchat.protocol.serverbound.ChannelRequests.LeaveChannel;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.ChannelRequests.SendEmote;
import org.honchat.protocol.serverbound.ChannelRequests.SendRoll;
import org.honchat.protocol.serverbound.GameRequests.InviteUserById;
import org.honchat.protocol.serverbound.GameRequests.InviteUserByName;
import org.honchat.protocol.serverbound.GameRequests.JoiningGame;
import org.honchat.protocol.serverbound.GameRequests.RejectGameInvite;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.serverbound.MessageRequests.GetUserStatus;
import org.honchat.protocol.serverbound.MessageRequests.RequestUserInfo;
import org.honchat.protocol.serverbound.MessageRequests.SendIm;
import org.honchat.protocol.serverbound.MessageRequests.SendWhisper;
import org.honchat.protocol.serverbound.MessageRequests.SetChatMode;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelPassword;
import org.honchat.protocol.serverbound.ModerationRequests.SetChannelTopic;
import org.honchat.protocol.serverbound.SessionRequests.BroadcastMessage;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatBroadcastType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.RejectReason;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.Types;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.net.Metrics;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.ChannelStore;
import org.honchat.server.store.PermanentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat rules of PROTOCOL.md §3, §6.3-§6.6 and §6.9, run on the hub thread only. Receives decoded commands,
 * changes chat state, and sends replies through the {@link Hub}.
 */
final class ChatDomain {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDomain.class);

    static final String GENERAL_TOPIC = "Welcome to Heroes of Newerth!";
    static final String MATCH_TOPIC = "Post-Game Chat Channel";
    static final int GENERAL_FLAGS = ChannelFlags.PERMANENT | ChannelFlags.RESERVED | ChannelFlags.GENERAL_USE;
    static final int OVERFLOW_FLAGS = ChannelFlags.RESERVED | ChannelFlags.GENERAL_USE;
    static final int MATCH_FLAGS = ChannelFlags.SERVER | ChannelFlags.UNJOINABLE | ChannelFlags.RESERVED;
    static final int CLAN_FLAGS = ChannelFlags.PERMANENT | ChannelFlags.RESERVED | ChannelFlags.CLAN;
    /** Below this many members a {@code 0x04} cannot reach the frame limit, so its size is not computed. */
    private static final int SIZE_CHECK_FROM = 60;
    private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Runs a hub task after a delay. */
    interface Timer {
        void later(long delayMillis, Runnable hubTask);
    }

    private final ServerConfig.ChatConfig config;
    private final Hub hub;
    private final StoreGateway store;
    private final Clock clock;
    private final Timer timer;
    private final Metrics metrics;
    private final Moderation moderation;
    private final BuddyRules buddies;
    private final ClanRules clans;
    private final GroupRules groups;
    /** Online sessions per clan id. */
    private final Map<Long, Set<ChatSession>> clanOnline = new HashMap<>();

    private final Map<Long, ChatSession> byId = new HashMap<>();
    private final Map<String, ChatSession> byName = new HashMap<>();
    private final Map<Long, Channel> channelsById = new HashMap<>();
    private final Map<String, Channel> channelsByKey = new HashMap<>();
    /** General channels by their number: 1 for {@code <G>}, k for {@code <G> k} (§6.3). */
    private final TreeMap<Integer, Channel> generals = new TreeMap<>();
    private final String generalKey;
    private long nextChannelId = 1;

    ChatDomain(ServerConfig.ChatConfig config, Hub hub, StoreGateway store, Clock clock, Timer timer,
            List<PermanentChannel> permanent, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.hub = hub;
        this.store = store;
        this.clock = clock;
        this.timer = timer;
        this.moderation = new Moderation(this, hub);
        this.buddies = new BuddyRules(this, hub, store, config.maxBuddies());
        this.clans = new ClanRules(this, hub, store);
        this.groups = new GroupRules(this, hub);
        this.generalKey = Channel.key(config.generalChannelName());
        generals.put(1, createChannel(config.generalChannelName(), GENERAL_FLAGS, GENERAL_TOPIC));
        for (PermanentChannel stored : permanent) {
            restore(stored);
        }
    }

    /** §6.3: a permanent channel keeps its id, settings, admins, auth list and bans; new ids start above it. */
    private void restore(PermanentChannel stored) {
        if (channelsById.containsKey(stored.id()) || channelsByKey.containsKey(Channel.key(stored.name()))) {
            LOG.warn("permanent channel {} '{}' clashes with a built-in channel and is not loaded", stored.id(),
                    stored.name());
            return;
        }
        Channel channel = new Channel(stored.id(), stored.name(),
                new ChannelFlags((stored.flags() | ChannelFlags.PERMANENT) & 0xFF), stored.topic());
        channel.password = stored.password();
        channel.stored = true;
        channel.explicitAdmins.putAll(stored.admins());
        channel.authList.addAll(stored.authList());
        channel.bans.addAll(stored.bans());
        channelsById.put(channel.id, channel);
        channelsByKey.put(channel.key, channel);
        nextChannelId = Math.max(nextChannelId, channel.id + 1);
    }

    /**
     * Cross-checks the state (tests and fuzzing): every online session is registered under its name, every
     * membership is recorded on both sides, no closed session is left anywhere. Returns the problems found.
     */
    List<String> inconsistencies() {
        List<String> problems = new ArrayList<>();
        for (ChatSession s : byId.values()) {
            if (s.closed) {
                problems.add(s + " is closed but online");
            }
            if (byName.get(s.nameKey) != s) {
                problems.add(s + " is not found by its name");
            }
            for (Channel c : s.channels) {
                if (!c.isMember(s) || channelsById.get(c.id) != c) {
                    problems.add(s + " thinks it is in " + c.name);
                }
            }
        }
        for (Channel c : channelsById.values()) {
            for (ChatSession member : c.members.values()) {
                if (member.closed || byId.get(member.accountId) != member || !member.channels.contains(c)) {
                    problems.add(c.name + " lists " + member + " wrongly");
                }
            }
            if (c.members.isEmpty() && !c.has(ChannelFlags.PERMANENT)) {
                problems.add(c.name + " is empty but kept");
            }
        }
        return problems;
    }

    // ---- for Moderation ----

    Channel channel(long id) {
        return channelsById.get(id);
    }

    ChatSession session(long accountId) {
        return byId.get(accountId);
    }

    ChatSession byNameKey(String key) {
        return byName.get(key);
    }

    long now() {
        return clock.millis();
    }

    void later(long delayMillis, Runnable hubTask) {
        timer.later(delayMillis, hubTask);
    }

    /** Stores a change of a permanent channel (other channels live in memory only, §6.3). */
    void persist(Channel channel, String what, java.util.function.Consumer<ChannelStore> change) {
        if (channel.stored) {
            store.channelChange(what + " of channel " + channel.name, change);
        }
    }

    /**
     * A change made by {@code s}: stored first when the channel is stored, then {@code announce} tells the clients,
     * so nothing a client was told is lost in a crash. The session's next commands wait meanwhile (§1.3 rule 6).
     */
    void persistThen(ChatSession s, Channel channel, String what, java.util.function.Consumer<ChannelStore> change,
            Runnable announce) {
        if (!channel.stored) {
            announce.run();
            return;
        }
        awaitSerial(s, what + " of channel " + channel.name, () -> {
            change.accept(store.channels());
            return Boolean.TRUE;
        }, (session, stored) -> announce.run());
    }

    /** The flags, topic and password of a channel, stored before {@code announce}. */
    void settingsThen(ChatSession s, Channel channel, Runnable announce) {
        int flags = channel.flags.bits();
        String topic = channel.topic;
        String password = channel.password;
        persistThen(s, channel, "settings", store -> store.updateSettings(channel.id, flags, topic, password),
                announce);
    }

    // ---- sessions (§3.6, §3.7, §3.10) ----

    int onlineCount() {
        return byId.size();
    }

    /** §3.6 and §3.7: takes over an older session of the account, then sends the success sequence. */
    void register(ChatSession session, Authenticator.Profile profile) {
        ChatSession old = byId.get(session.accountId);
        if (old != null) {
            hub.send(old, new AuthRejected(RejectReason.ACCOUNT_SHARING));
            cleanUp(old, true);
            hub.close(old);
        }
        byId.put(session.accountId, session);
        byName.put(session.nameKey, session);
        metrics.sessionsOnline().set(byId.size());
        session.buddies.addAll(profile.buddies());
        if (profile.membership() != null) {
            session.joinClan(profile.membership().clan(), profile.membership().rank());
            clanJoined(session);
        }
        hub.send(session, AuthAccepted.INSTANCE);
        if (session.gameClient) {
            ServerConfig.OptionsConfig o = config.options();
            // the dynamic commands string is always empty: the client would run each entry as a console command
            hub.send(session, new Options(o.ftpReplays(), o.httpReplays(), o.quests(), o.questLadder(),
                    o.connectResendSeconds(), o.messagesSystem(), ""));
        }
        sendInitialStatus(session);
        if (!session.invisible) {
            hub.send(peersOf(session), session.statusUpdate(ChatStatus.CONNECTED));
        }
        buddies.sendPending(session, profile.pending());
        hub.send(session, playerCount(session));
    }

    /**
     * §3.7 step 3: online, visible buddies and clan members, cut at the last entry that fits a frame (§1.4 rule
     * 3); LEGACY sessions get one frame per entry, or one empty list (§2.4).
     */
    private void sendInitialStatus(ChatSession session) {
        Set<ChatSession> known = new LinkedHashSet<>();
        for (long id : session.buddies) {
            ChatSession buddy = byId.get(id);
            if (buddy != null) {
                known.add(buddy);
            }
        }
        if (session.inClan()) {
            known.addAll(clanMembersOnline(session.clanId));
        }
        known.remove(session);
        List<org.honchat.protocol.struct.StatusEntry> entries = new ArrayList<>();
        int size = 2 + 2 + 4;
        for (ChatSession other : known) {
            if (other.invisible) {
                continue;
            }
            org.honchat.protocol.struct.StatusEntry entry = other.statusEntry();
            size += entrySize(entry);
            if (session.gameClient && size > FrameEncoder.MAX_FRAME_BYTES) {
                break;
            }
            entries.add(entry);
        }
        if (session.gameClient || entries.isEmpty()) {
            hub.send(session, new InitialStatus(entries));
        } else {
            for (org.honchat.protocol.struct.StatusEntry entry : entries) {
                hub.send(session, new InitialStatus(List.of(entry)));
            }
        }
    }

    private static int entrySize(org.honchat.protocol.struct.StatusEntry e) {
        return 4 + 1 + 1 + utf8(e.nameColour()) + utf8(e.accountIcon()) + utf8(e.tail().serverAddress())
                + utf8(e.tail().gameName()) + 4 + 4;
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }

    /** The connection closed or failed (§3.10). */
    void disconnected(ChatSession session) {
        if (!session.closed) {
            cleanUp(session, false);
        }
    }

    /** Server-initiated close (timeout, logout, abuse): clean up, then close the socket. */
    void close(ChatSession session) {
        if (!session.closed) {
            cleanUp(session, false);
            hub.close(session);
        }
    }

    /** Graceful stop: every session is cleaned up and its connection flushed and closed. */
    void closeAll() {
        for (ChatSession session : new ArrayList<>(byId.values())) {
            close(session);
        }
    }

    /** Output piled up unread past the limit: the session goes, without holding up anyone else. */
    void overloaded(ChatSession session) {
        if (!session.closed) {
            LOG.debug("{} did not read its output, closed", session);
            metrics.slowConsumerDisconnects.increment();
            close(session);
        }
    }

    /** §8.7: a logged-out cookie closes its chat session silently. */
    void closeByCookie(String cookie) {
        for (ChatSession session : new ArrayList<>(byId.values())) {
            if (session.cookie.equals(cookie)) {
                close(session);
            }
        }
    }

    /** §3.10, in its order; {@code replaced}: a newer login of the account took over (§3.6). */
    private void cleanUp(ChatSession session, boolean replaced) {
        Set<ChatSession> peers = peersOf(session);
        session.closed = true;
        for (Channel channel : new ArrayList<>(session.channels)) {
            channel.members.remove(session.accountId);
            hub.send(channel.members.values(), new LeftChannel(session.accountId, channel.id));
            deleteIfEmpty(channel);
        }
        session.channels.clear();
        groups.disconnected(session);
        clans.disconnected(session);
        clanLeft(session);
        if (!session.invisible && !replaced) {
            hub.send(peers, session.statusUpdate(ChatStatus.DISCONNECTED));
        }
        if (byId.get(session.accountId) == session) {
            byId.remove(session.accountId);
            byName.remove(session.nameKey);
            metrics.sessionsOnline().set(byId.size());
        }
        session.backlog.clear();
        store.recordLastSeen(session.accountId, clock.instant());
    }

    /** Peers of X (PROTOCOL.md terms): online buddies, clan members and channel mates, deduplicated, not X. */
    Set<ChatSession> peersOf(ChatSession session) {
        Set<ChatSession> peers = new LinkedHashSet<>();
        for (long id : session.buddies) {
            ChatSession buddy = byId.get(id);
            if (buddy != null) {
                peers.add(buddy);
            }
        }
        if (session.inClan()) {
            peers.addAll(clanMembersOnline(session.clanId));
        }
        for (Channel channel : session.channels) {
            peers.addAll(channel.members.values());
        }
        peers.remove(session);
        return peers;
    }

    // ---- for BuddyRules and ClanRules ----

    java.time.Instant instant() {
        return clock.instant();
    }

    Set<ChatSession> clanMembersOnline(long clanId) {
        return clanOnline.getOrDefault(clanId, Set.of());
    }

    void clanJoined(ChatSession session) {
        clanOnline.computeIfAbsent(session.clanId, id -> new LinkedHashSet<>()).add(session);
    }

    void clanLeft(ChatSession session) {
        Set<ChatSession> members = clanOnline.get(session.clanId);
        if (members != null) {
            members.remove(session);
            if (members.isEmpty()) {
                clanOnline.remove(session.clanId);
            }
        }
    }

    /** "Clan <name>" of the session's clan, created on first use and kept (§6.3). */
    Channel clanChannel(ChatSession session) {
        Channel existing = existingClanChannel(session);
        if (existing != null) {
            return existing;
        }
        Channel channel = createChannel("Clan " + session.clanName, CLAN_FLAGS,
                "Welcome to the " + session.clanName + " clan channel!");
        channel.clanId = session.clanId;
        return channel;
    }

    Channel existingClanChannel(ChatSession session) {
        return session.inClan() ? channelsByKey.get(Channel.key("Clan " + session.clanName)) : null;
    }

    /**
     * Runs store work on the store's writer thread; {@code then} gets the result on the hub. The session's next
     * commands wait until then (§1.3 rule 6); {@code then} runs even if the session closed meanwhile, so the other
     * party's state stays right.
     */
    <T> void awaitSerial(ChatSession s, String what, java.util.function.Supplier<T> work,
            BiConsumer<ChatSession, T> then) {
        s.awaitingStore = true;
        store.serial(what, work, result -> {
            s.awaitingStore = false;
            then.accept(s, result);
            drainBacklog(s);
        });
    }

    private void drainBacklog(ChatSession s) {
        while (!s.awaitingStore && !s.closed && !s.backlog.isEmpty()) {
            dispatch(s, s.backlog.poll());
        }
    }

    private PlayerCount playerCount(ChatSession to) {
        return new PlayerCount(byId.size(), to.isStaff() ? regions() : "");
    }

    /** §6.1 0x68: {@code region:count|...} from the 0x0C00 region field, "unknown" for empty or LEGACY. */
    private String regions() {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (ChatSession session : byId.values()) {
            String region = session.region.isEmpty() ? "unknown" : session.region.replace("|", "").replace(":", "");
            counts.merge(region, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((region, count) -> out.append(out.length() == 0 ? "" : "|").append(region).append(':')
                .append(count));
        return out.toString();
    }

    /** §3.9: every authenticated session, periodically; encoded once for everyone but staff. */
    void broadcastPlayerCount() {
        List<ChatSession> plain = new ArrayList<>();
        for (ChatSession session : byId.values()) {
            if (session.isStaff()) {
                hub.send(session, playerCount(session));
            } else {
                plain.add(session);
            }
        }
        hub.send(plain, new PlayerCount(byId.size(), ""));
    }

    // ---- commands ----

    /** §4.9: the commands that count against flood control. */
    private static final java.util.BitSet FLOOD_COUNTED = new java.util.BitSet(0x10000);

    static {
        for (int id : new int[] {0x03, 0x08, 0x0D, 0x13, 0x1C, 0x20, 0x2A, 0x47, 0x51, 0x64, 0x65, 0x66, 0xB3,
            0x0C0A, 0x0C0B, 0x0C0D}) {
            FLOOD_COUNTED.set(id);
        }
    }

    /** One command of an authenticated session, in arrival order (§1.3 rule 6). */
    void handle(ChatSession session, ServerboundPacket packet) {
        if (session.closed) {
            return;
        }
        if (!session.isStaff() && FLOOD_COUNTED.get(packet.id()) && flooded(session)) {
            return;
        }
        if (session.awaitingStore) {
            session.backlog.add(packet);
            return;
        }
        dispatch(session, packet);
    }

    /**
     * §4.9: counts a command, after the decay since the last one. Above the threshold it is dropped (with one
     * {@code 0x1B} per episode if configured); above the disconnect level the session is closed.
     */
    private boolean flooded(ChatSession s) {
        ServerConfig.FloodConfig rules = config.flood();
        long now = clock.millis();
        long steps = (now - s.floodDecayedAt) / rules.decayMillis();
        if (steps > 0) {
            s.flood = (int) Math.max(0, s.flood - steps);
            s.floodDecayedAt = s.flood == 0 ? now : s.floodDecayedAt + steps * rules.decayMillis();
        }
        if (s.flood == 0) {
            s.floodDecayedAt = now;
        }
        s.flood++;
        if (s.flood > rules.disconnectAt()) {
            LOG.debug("{} flooded ({} counted commands), closed", s, s.flood);
            metrics.floodDisconnects.increment();
            close(s);
            return true;
        }
        if (s.flood > rules.threshold()) {
            if (!s.flooding && rules.notice()) {
                hub.send(s, org.honchat.protocol.clientbound.SessionPackets.Flooding.INSTANCE);
            }
            s.flooding = true;
            return true;
        }
        s.flooding = false;
        return false;
    }

    private void dispatch(ChatSession s, ServerboundPacket packet) {
        if (moderation.handle(s, packet) || buddies.handle(s, packet) || clans.handle(s, packet)
                || groups.handle(s, packet)) {
            return;
        }
        if (packet instanceof SendChannelMessage) {
            SendChannelMessage p = (SendChannelMessage) packet;
            channelMessage(s, p.channelId(), p.message());
        } else if (packet instanceof JoinChannel) {
            join(s, ((JoinChannel) packet).name(), null);
        } else if (packet instanceof JoinChannelWithPassword) {
            JoinChannelWithPassword p = (JoinChannelWithPassword) packet;
            join(s, p.name(), p.password());
        } else if (packet instanceof LeaveChannel) {
            leave(s, ((LeaveChannel) packet).name());
        } else if (packet instanceof SendWhisper) {
            SendWhisper p = (SendWhisper) packet;
            whisper(s, p.targetName(), p.message());
        } else if (packet instanceof SendIm) {
            SendIm p = (SendIm) packet;
            im(s, p.targetName(), p.message(), p.wantInfo() == 1);
        } else if (packet instanceof SetChatMode) {
            SetChatMode p = (SetChatMode) packet;
            chatMode(s, p.mode(), p.reason());
        } else if (packet instanceof RequestUserInfo) {
            userInfo(s, ((RequestUserInfo) packet).name());
        } else if (packet instanceof GetUserStatus) {
            String name = ((GetUserStatus) packet).name();
            ChatSession target = online(name);
            hub.send(s, new UserStatus(name, target == null || target.invisible ? ChatStatus.DISCONNECTED
                    : target.status));
        } else if (packet instanceof SetChannelTopic) {
            SetChannelTopic p = (SetChannelTopic) packet;
            topic(s, p.channelId(), p.topic());
        } else if (packet instanceof SetChannelPassword) {
            SetChannelPassword p = (SetChannelPassword) packet;
            password(s, p.channelId(), p.password());
        } else if (packet instanceof SendRoll) {
            SendRoll p = (SendRoll) packet;
            rollOrEmote(s, p.channelId(), p.text(), true);
        } else if (packet instanceof SendEmote) {
            SendEmote p = (SendEmote) packet;
            rollOrEmote(s, p.channelId(), p.text(), false);
        } else if (packet instanceof JoiningGame) {
            joiningGame(s, ((JoiningGame) packet).serverAddress());
        } else if (packet instanceof JoinedGame) {
            joinedGame(s, (JoinedGame) packet);
        } else if (packet instanceof org.honchat.protocol.serverbound.GameRequests.LeftGame) {
            leftGame(s);
        } else if (packet instanceof InviteUserById) {
            gameInvite(s, byId.get(((InviteUserById) packet).targetId()));
        } else if (packet instanceof InviteUserByName) {
            gameInvite(s, online(((InviteUserByName) packet).targetName()));
        } else if (packet instanceof RejectGameInvite) {
            ChatSession inviter = byId.get(((RejectGameInvite) packet).inviterId());
            if (inviter != null && inviter.chatMode != ChatMode.DND) {
                hub.send(inviter, new InviteRejected(s.displayName(), s.accountId));
            }
        } else if (packet instanceof BroadcastMessage) {
            BroadcastMessage p = (BroadcastMessage) packet;
            if (s.isStaff() && p.type() == ChatBroadcastType.MESSAGE) {
                hub.send(byId.values(), new MessageAll(s.displayName(), p.message()));
            }
        }
        // everything else is accepted and ignored in this phase (§6.2 "others", §3.8 tolerated commands)
    }

    /**
     * §1.3 rule 6 for commands that need the store: the session's later commands wait in its backlog until the
     * lookup is answered on the hub.
     */
    private void awaitAccount(ChatSession s, String name, BiConsumer<ChatSession, Optional<Account>> then) {
        s.awaitingStore = true;
        store.findAccount(name, account -> {
            s.awaitingStore = false;
            if (s.closed) {
                return;
            }
            then.accept(s, account);
            drainBacklog(s);
        });
    }

    /** An online session by name, bare or tagged, case-insensitive; invisible ones included. */
    ChatSession online(String rawName) {
        return byName.get(AccountNames.key(AccountNames.bare(rawName)));
    }

    // ---- channels (§6.3) ----

    private Channel createChannel(String name, int flags, String topic) {
        Channel channel = new Channel(nextChannelId++, name, new ChannelFlags(flags), topic);
        channelsById.put(channel.id, channel);
        channelsByKey.put(channel.key, channel);
        return channel;
    }

    private void deleteIfEmpty(Channel channel) {
        if (channel.members.isEmpty() && !channel.has(ChannelFlags.PERMANENT)) {
            channelsById.remove(channel.id);
            channelsByKey.remove(channel.key);
            generals.values().remove(channel);
        }
    }

    /** §6.3 join algorithm; {@code password} is null for {@code 0x1E} and the given one for {@code 0x46}. */
    private void join(ChatSession s, String rawName, String password) {
        String name = Text.channelName(rawName);
        if (name.isEmpty()) {
            return;
        }
        if (!s.isStaff() && s.channels.size() >= config.maxChannelsPerSession()) {
            hub.send(s, MaxChannels.INSTANCE);
            return;
        }
        Channel channel = resolve(s, name);
        if (channel == null || channel.isMember(s)) {
            return;
        }
        if (!mayJoin(s, channel, password)) {
            deleteIfEmpty(channel);
            return;
        }
        admit(s, channel);
    }

    /** §6.3 steps 5-11. */
    private boolean mayJoin(ChatSession s, Channel channel, String password) {
        AdminLevel level = channel.levelOf(s);
        boolean officer = level.compareTo(AdminLevel.OFFICER) >= 0;
        if (password == null && channel.hasPassword() && !officer) {
            hub.send(s, new JoinChannelPassword(channel.name));
            return false;
        }
        if (channel.has(ChannelFlags.UNJOINABLE)) {
            return false;
        }
        if (!officer) {
            if (channel.has(ChannelFlags.AUTH_REQUIRED)
                    && !channel.authList.contains(AccountNames.key(s.name))) {
                return false;
            }
            if (password != null && channel.hasPassword() && !channel.password.equalsIgnoreCase(password)) {
                return false;
            }
        }
        if (channel.bans.contains(s.accountId) && !s.isStaff()) {
            hub.send(s, new ChannelIsBanned(channel.name));
            return false;
        }
        return s.isStaff() || (channel.members.size() < config.maxChannelMembers() && fits(channel, s));
    }

    /** §6.3 step 11: the 0x04 the joiner would get must fit one frame. */
    private boolean fits(Channel channel, ChatSession joiner) {
        if (channel.members.size() < SIZE_CHECK_FROM) {
            return true;
        }
        return FrameEncoder.frameSize(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT,
                changedChannel(channel, joiner)) <= FrameEncoder.MAX_FRAME_BYTES;
    }

    /** §6.3 step 3. Returns null when the name may not be joined this way. */
    private Channel resolve(ChatSession s, String name) {
        String key = Channel.key(name);
        if (isGeneralName(key)) {
            return generalWithRoom();
        }
        if (key.startsWith("clan ")) {
            // only the session's own clan channel (created if missing), or any existing one for staff
            if (s.inClan() && key.equals(Channel.key("Clan " + s.clanName))) {
                return clanChannel(s);
            }
            return s.isStaff() ? channelsByKey.get(key) : null;
        }
        if (key.startsWith("match ")) {
            return null;
        }
        Channel existing = channelsByKey.get(key);
        return existing != null ? existing : createChannel(name, 0, "");
    }

    private boolean isGeneralName(String key) {
        if (key.equals(generalKey)) {
            return true;
        }
        if (!key.startsWith(generalKey + " ")) {
            return false;
        }
        String number = key.substring(generalKey.length() + 1);
        return !number.isEmpty() && number.length() <= 9 && number.chars().allMatch(Character::isDigit);
    }

    /** The first general channel in number order with room, or a new {@code <G> k} with the smallest free k. */
    private Channel generalWithRoom() {
        for (Channel general : generals.values()) {
            if (general.members.size() < config.generalChannelCapacity()) {
                return general;
            }
        }
        int k = 2;
        while (generals.containsKey(k)) {
            k++;
        }
        Channel overflow = createChannel(config.generalChannelName() + " " + k, OVERFLOW_FLAGS, GENERAL_TOPIC);
        generals.put(k, overflow);
        return overflow;
    }

    /** §6.3 steps 12-15, shared by normal and forced joins. */
    private void admit(ChatSession s, Channel channel) {
        Collection<ChatSession> existing = new ArrayList<>(channel.members.values());
        AdminLevel before = levelInList(channel.adminList(), s.accountId);
        if (channel.isFree()) {
            channel.explicitAdmins.put(s.accountId, AdminLevel.ADMINISTRATOR);
            persist(channel, "first admin", store -> store.setAdmin(channel.id, s.accountId, AdminLevel.ADMINISTRATOR));
        }
        AdminLevel now = channel.levelOf(s);
        channel.members.put(s.accountId, s);
        s.channels.add(channel);
        List<AdminEntry> admins = channel.adminList();
        if (now != AdminLevel.NONE && now != before) {
            hub.send(existing, new ChannelUpdate(channel.id, channel.name, channel.flags, channel.topic, admins));
        }
        hub.send(existing, new JoinedChannel(channel.id, s.memberRecord()));
        hub.send(s, changedChannel(channel, s));
    }

    private static AdminLevel levelInList(List<AdminEntry> admins, long accountId) {
        for (AdminEntry entry : admins) {
            if (entry.accountId() == accountId) {
                return entry.level();
            }
        }
        return AdminLevel.NONE;
    }

    /** 0x04 for {@code joiner}: the admin list with the joiner, the members without (§6.1). */
    private ChangedChannel changedChannel(Channel channel, ChatSession joiner) {
        List<MemberRecord> members = new ArrayList<>(channel.members.size());
        for (ChatSession member : channel.members.values()) {
            if (member != joiner) {
                members.add(member.memberRecord());
            }
        }
        List<AdminEntry> admins = channel.adminList();
        if (!channel.isMember(joiner) && channel.levelOf(joiner) != AdminLevel.NONE
                && levelInList(admins, joiner.accountId) == AdminLevel.NONE) {
            admins = new ArrayList<>(admins);
            admins.add(new AdminEntry(joiner.accountId, channel.levelOf(joiner)));
        }
        return new ChangedChannel(channel.name, channel.id, channel.flags, channel.topic, admins, members);
    }

    /** Forced joins (§6.3) skip the limit, password, auth, ban and size checks; a member is never added twice. */
    void forceJoin(ChatSession s, Channel channel) {
        if (!channel.isMember(s)) {
            admit(s, channel);
        }
    }

    /** {@code 0x06} to all members including the one leaving, then the removal (§6.2 0x22). */
    void removeMember(ChatSession s, Channel channel) {
        hub.send(channel.members.values(), new LeftChannel(s.accountId, channel.id));
        channel.members.remove(s.accountId);
        s.channels.remove(channel);
        deleteIfEmpty(channel);
    }

    private void leave(ChatSession s, String rawName) {
        Channel channel = channelsByKey.get(Channel.key(Text.channelName(rawName)));
        if (channel != null && channel.isMember(s)) {
            removeMember(s, channel);
        }
    }

    private List<ChatSession> others(Channel channel, ChatSession sender) {
        List<ChatSession> others = new ArrayList<>(channel.members.size());
        for (ChatSession member : channel.members.values()) {
            if (member != sender) {
                others.add(member);
            }
        }
        return others;
    }

    /** §6.2 0x03. */
    private void channelMessage(ChatSession s, long channelId, String message) {
        Channel channel = channelsById.get(channelId);
        if (message.isEmpty() || channel == null || !channel.isMember(s)) {
            return;
        }
        if (!s.isStaff() && channel.isSilenced(s.accountId, clock.millis())) {
            hub.send(s, new ChannelSilenced(channel.id));
            return;
        }
        hub.send(others(channel, s), new ChannelMessage(s.accountId, channel.id, Text.cut(message, Text.MESSAGE)));
    }

    /** §6.6: relayed verbatim; LEGACY members get the command itself, game clients a prefixed 0x03. */
    private void rollOrEmote(ChatSession s, long channelId, String text, boolean roll) {
        Channel channel = channelsById.get(channelId);
        if (channel == null || !channel.isMember(s)) {
            return;
        }
        if (!s.isStaff() && channel.isSilenced(s.accountId, clock.millis())) {
            hub.send(s, new ChannelSilenced(channel.id));
            return;
        }
        String cut = Text.cut(text, Text.MESSAGE);
        if (cut.isEmpty()) {
            return;
        }
        List<ChatSession> legacy = new ArrayList<>();
        List<ChatSession> game = new ArrayList<>();
        for (ChatSession member : others(channel, s)) {
            (member.gameClient ? game : legacy).add(member);
        }
        hub.send(legacy, roll ? new ChatRoll(s.accountId, channel.id, cut) : new ChatEmote(s.accountId, channel.id, cut));
        String shown = Text.cut((roll ? "[ROLL] " : "[EMOTE] ") + cut, Text.MESSAGE);
        hub.send(game, new ChannelMessage(s.accountId, channel.id, shown));
    }

    /** §6.2 0x30: officer and up; cut to 140; sent only when it changed. */
    private void topic(ChatSession s, long channelId, String topic) {
        Channel channel = channelsById.get(channelId);
        if (channel == null || channel.levelOf(s).compareTo(AdminLevel.OFFICER) < 0) {
            return;
        }
        String cut = Text.cut(topic, Text.TOPIC);
        if (!cut.equals(channel.topic)) {
            channel.topic = cut;
            settingsThen(s, channel, () -> hub.send(channel.members.values(), new ChannelTopic(channel.id, cut)));
        }
    }

    /** §6.2 0x43: leader and up; "" clears it; the password itself is never sent. */
    private void password(ChatSession s, long channelId, String password) {
        Channel channel = channelsById.get(channelId);
        if (channel == null || channel.levelOf(s).compareTo(AdminLevel.LEADER) < 0) {
            return;
        }
        channel.password = password;
        settingsThen(s, channel, () -> hub.send(channel.members.values(),
                new ChannelPasswordChanged(channel.id, s.displayName())));
    }

    // ---- private messages (§6.4) ----

    private void whisper(ChatSession s, String targetName, String message) {
        ChatSession target = online(targetName);
        if (target == s) {
            return;
        }
        String cut = Text.cut(message, Text.MESSAGE);
        if (target == null || target.invisible) {
            hub.send(s, new WhisperFailed(targetName, cut));
            return;
        }
        if (target.chatMode == ChatMode.DND) {
            hub.send(s, new WhisperFailed(targetName, cut));
            hub.send(s, new ChatModeAutoResponse(ChatMode.DND, target.displayName(), target.awayReason));
            return;
        }
        hub.send(target, new Whisper(s.displayName(), cut));
        if (target.chatMode == ChatMode.AFK) {
            hub.send(s, new ChatModeAutoResponse(ChatMode.AFK, target.displayName(), target.awayReason));
        }
    }

    private void im(ChatSession s, String targetName, String message, boolean wantInfo) {
        ChatSession target = online(targetName);
        if (target == s) {
            return;
        }
        if (target == null || target.invisible) {
            hub.send(s, new ImFailed(targetName));
            return;
        }
        String cut = Text.cut(message, Text.MESSAGE);
        if (wantInfo) {
            hub.send(target, InstantMessage.fromSender(s.shortCard(), cut));
            hub.send(s, InstantMessage.echo(target.shortCard(), cut));
        } else {
            hub.send(target, InstantMessage.plain(s.displayName(), cut));
        }
    }

    /** §6.2 0x66: modes 0-2 only; an invisible session keeps its mode. */
    private void chatMode(ChatSession s, ChatMode mode, String reason) {
        if (mode == ChatMode.INVISIBLE || s.invisible) {
            return;
        }
        s.chatMode = mode;
        s.awayReason = Text.cut(reason, Text.MESSAGE);
        hub.send(s, new ChatModeChanged(mode, s.awayReason));
        announceStatus(s);
    }

    // ---- user info (§6.5) ----

    private void userInfo(ChatSession s, String name) {
        ChatSession target = online(name);
        if (target != null) {
            if (target.invisible) {
                hub.send(s, new UserInfoNoExist(name));
            } else if (target.status == ChatStatus.CONNECTED) {
                hub.send(s, new UserInfoOnline(target.displayName(), visibleChannels(s, target)));
            } else {
                hub.send(s, new UserInfoInGame(target.displayName(), target.game.gameName(), ""));
            }
            return;
        }
        awaitAccount(s, name, (requester, account) -> {
            ChatSession cameOnline = account.map(a -> byId.get(a.id())).orElse(null);
            if (account.isEmpty() || (cameOnline != null && cameOnline.invisible)) {
                hub.send(requester, new UserInfoNoExist(name));
            } else if (cameOnline != null) {
                // logged in while the store answered: report as online, as the next 0x2A would
                userInfo(requester, name);
            } else {
                Account a = account.get();
                hub.send(requester, new UserInfoOffline(a.name(),
                        a.lastSeen() == null ? "never" : LAST_SEEN.format(a.lastSeen())));
            }
        });
    }

    /** §6.5: not HIDDEN, not UNJOINABLE, and either officer there or open to the requester. */
    private List<String> visibleChannels(ChatSession requester, ChatSession target) {
        List<String> names = new ArrayList<>();
        for (Channel channel : target.channels) {
            if (channel.has(ChannelFlags.HIDDEN) || channel.has(ChannelFlags.UNJOINABLE)) {
                continue;
            }
            boolean officer = channel.levelOf(requester).compareTo(AdminLevel.OFFICER) >= 0;
            boolean open = !channel.hasPassword() && (!channel.has(ChannelFlags.AUTH_REQUIRED)
                    || channel.authList.contains(AccountNames.key(requester.name)));
            if (officer || open) {
                names.add(channel.name);
            }
        }
        return names;
    }

    // ---- game status (§6.9) ----

    private void joiningGame(ChatSession s, String serverAddress) {
        s.status = ChatStatus.JOINING_GAME;
        s.game = PeerStatusTail.joining(serverAddress);
        if (config.leaveGeneralWhenJoiningGame()) {
            for (Channel channel : new ArrayList<>(s.channels)) {
                if (channel.has(ChannelFlags.GENERAL_USE)) {
                    removeMember(s, channel);
                    s.leftGeneralForGame = true;
                }
            }
        }
        announceStatus(s);
    }

    private void joinedGame(ChatSession s, JoinedGame p) {
        s.status = ChatStatus.IN_GAME;
        s.game = new PeerStatusTail(s.game.serverAddress(), p.gameName(), p.matchId());
        for (Channel channel : new ArrayList<>(s.channels)) {
            if (channel.has(ChannelFlags.SERVER)) {
                removeMember(s, channel);
            }
        }
        if (p.matchId() != Types.U32_NONE && p.joinMatchChannel()) {
            String name = "Match " + p.matchId();
            Channel match = channelsByKey.get(Channel.key(name));
            forceJoin(s, match != null ? match : createChannel(name, MATCH_FLAGS, MATCH_TOPIC));
        }
        announceStatus(s);
    }

    private void leftGame(ChatSession s) {
        s.status = ChatStatus.CONNECTED;
        s.clearGame();
        if (s.leftGeneralForGame && !s.invisible
                && s.channels.stream().noneMatch(c -> c.has(ChannelFlags.GENERAL_USE))) {
            forceJoin(s, generalWithRoom());
        }
        s.leftGeneralForGame = false;
        announceStatus(s);
    }

    private void announceStatus(ChatSession s) {
        if (!s.invisible) {
            hub.send(peersOf(s), s.statusUpdate(s.status));
        }
    }

    private void gameInvite(ChatSession s, ChatSession target) {
        if (target == null || target == s || target.invisible) {
            hub.send(s, InviteFailedUser.INSTANCE);
        } else if (!s.inGame()) {
            hub.send(s, InviteFailedGame.INSTANCE);
        } else if (target.chatMode != ChatMode.DND) {
            hub.send(target, new InvitedToServer(new org.honchat.protocol.struct.InviteCard(s.displayName(),
                    s.accountId, s.status, s.flags(), s.nameColour, s.accountIcon, s.game, s.ascension)));
        }
    }
}
