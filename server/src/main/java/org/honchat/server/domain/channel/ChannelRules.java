package org.honchat.server.domain.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelTopic;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ChannelPackets.JoinChannelPassword;
import org.honchat.protocol.clientbound.ChannelPackets.JoinedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.LeftChannel;
import org.honchat.protocol.clientbound.ChannelPackets.MaxChannels;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelIsBanned;
import org.honchat.protocol.clientbound.ModerationPackets.ChannelPasswordChanged;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.core.Text;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.PermanentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels, docs/protocol.md §6.3: the kinds (general with its overflow, clan, match, user, permanent), the join
 * algorithm, leaving, topic and password, and forced joins for the other rules. Hub thread only.
 */
public final class ChannelRules {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRules.class);

    static final String GENERAL_TOPIC = "Welcome to Heroes of Newerth!";
    static final String MATCH_TOPIC = "Post-Game Chat Channel";
    static final int GENERAL_FLAGS = ChannelFlags.PERMANENT | ChannelFlags.RESERVED | ChannelFlags.GENERAL_USE;
    static final int OVERFLOW_FLAGS = ChannelFlags.RESERVED | ChannelFlags.GENERAL_USE;
    static final int MATCH_FLAGS = ChannelFlags.SERVER | ChannelFlags.UNJOINABLE | ChannelFlags.RESERVED;
    static final int CLAN_FLAGS = ChannelFlags.PERMANENT | ChannelFlags.RESERVED | ChannelFlags.CLAN;
    /** Below this many members a {@code 0x04} cannot reach the frame limit, so its size is not computed. */
    private static final int SIZE_CHECK_FROM = 60;

    private final ServerConfig.ChatConfig config;
    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;
    /** General channels by their number: 1 for {@code <G>}, k for {@code <G> k}. */
    private final TreeMap<Integer, Channel> generals = new TreeMap<>();
    private final String generalKey;
    private long nextChannelId = 1;

    public ChannelRules(ServerConfig.ChatConfig config, Outbox out, Directory directory, StoreGateway store,
            List<PermanentChannel> permanent) {
        this.config = config;
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.generalKey = Channel.key(config.generalChannelName());
        generals.put(1, create(config.generalChannelName(), GENERAL_FLAGS, GENERAL_TOPIC));
        for (PermanentChannel stored : permanent) {
            restore(stored);
        }
    }

    /** A permanent channel keeps its id, settings, admins, auth list and bans; new ids start above it. */
    private void restore(PermanentChannel stored) {
        if (directory.channel(stored.id()) != null || directory.channelNamed(stored.name()) != null) {
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
        directory.addChannel(channel);
        nextChannelId = Math.max(nextChannelId, channel.id + 1);
    }

    /**
     * An operator's new permanent channel (admin API): the next free id, PERMANENT, kept in the store by the caller.
     * Null when a channel of that name exists (a user channel in use is not taken over).
     */
    public Channel openPermanent(String name, String topic, String password) {
        if (directory.channelNamed(name) != null) {
            return null;
        }
        Channel channel = create(name, ChannelFlags.PERMANENT, topic);
        channel.password = password;
        channel.stored = true;
        directory.changed(channel);
        return channel;
    }

    /** The channel stops being permanent (deleted by an operator): empty, it goes at once; else when it empties. */
    public void closePermanent(Channel channel) {
        channel.stored = false;
        channel.flags = new ChannelFlags(channel.flags.bits() & ~ChannelFlags.PERMANENT);
        directory.changed(channel);
        deleteIfEmpty(channel);
    }

    private Channel create(String name, int flags, String topic) {
        Channel channel = new Channel(nextChannelId++, name, new ChannelFlags(flags), topic);
        directory.addChannel(channel);
        return channel;
    }

    private void deleteIfEmpty(Channel channel) {
        if (channel.members.isEmpty() && !channel.has(ChannelFlags.PERMANENT)) {
            directory.removeChannel(channel);
            generals.values().remove(channel);
        }
    }

    /** §6.3 join algorithm; {@code password} is null for {@code 0x1E} and the given one for {@code 0x46}. */
    public void join(ChatSession s, String rawName, String password) {
        String name = Text.channelName(rawName);
        if (name.isEmpty()) {
            return;
        }
        if (!s.isStaff() && s.channels.size() >= config.maxChannelsPerSession()) {
            out.send(s, MaxChannels.INSTANCE);
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
            out.send(s, new JoinChannelPassword(channel.name));
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
            out.send(s, new ChannelIsBanned(channel.name));
            return false;
        }
        return s.isStaff() || (channel.members.size() < config.maxChannelMembers() && fits(channel, s));
    }

    /** §6.3 step 11: the 0x04 the joiner would get must fit one frame. */
    private boolean fits(Channel channel, ChatSession joiner) {
        return channel.members.size() < SIZE_CHECK_FROM
                || FrameEncoder.frameSize(changedChannel(channel, joiner)) <= FrameEncoder.MAX_FRAME_BYTES;
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
            return s.isStaff() ? directory.channelNamed(name) : null;
        }
        if (key.startsWith("match ")) {
            return null;
        }
        Channel existing = directory.channelNamed(name);
        return existing != null ? existing : create(name, 0, "");
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
    public Channel generalWithRoom() {
        for (Channel general : generals.values()) {
            if (general.members.size() < config.generalChannelCapacity()) {
                return general;
            }
        }
        int k = 2;
        while (generals.containsKey(k)) {
            k++;
        }
        Channel overflow = create(config.generalChannelName() + " " + k, OVERFLOW_FLAGS, GENERAL_TOPIC);
        generals.put(k, overflow);
        return overflow;
    }

    /**
     * Cluster mode (docs/cluster.md "When the hub node goes"): a new hub node takes over the channels of the hub
     * before it, ids included, in place of its own. Their members are already set on both sides.
     */
    public void replaceAll(Collection<Channel> restored) {
        for (Channel existing : new ArrayList<>(directory.channelsFrom(0))) {
            directory.removeChannel(existing);
        }
        generals.clear();
        nextChannelId = 1;
        for (Channel channel : restored) {
            directory.addChannel(channel);
            nextChannelId = Math.max(nextChannelId, channel.id + 1);
            if (channel.key.equals(generalKey)) {
                generals.put(1, channel);
            } else if (channel.has(ChannelFlags.GENERAL_USE) && isGeneralName(channel.key)) {
                generals.put(Integer.parseInt(channel.key.substring(generalKey.length() + 1)), channel);
            }
        }
        if (!generals.containsKey(1)) {
            generals.put(1, create(config.generalChannelName(), GENERAL_FLAGS, GENERAL_TOPIC));
        }
    }

    /** "Match &lt;id&gt;", created on first use (§6.9). */
    public Channel matchChannel(long matchId) {
        String name = "Match " + matchId;
        Channel existing = directory.channelNamed(name);
        return existing != null ? existing : create(name, MATCH_FLAGS, MATCH_TOPIC);
    }

    /** "Clan &lt;name&gt;" of the session's clan, created on first use and kept (§6.3). */
    public Channel clanChannel(ChatSession session) {
        Channel existing = existingClanChannel(session);
        if (existing != null) {
            return existing;
        }
        Channel channel = create("Clan " + session.clanName, CLAN_FLAGS,
                "Welcome to the " + session.clanName + " clan channel!");
        channel.clanId = session.clanId;
        directory.changed(channel);
        return channel;
    }

    public Channel existingClanChannel(ChatSession session) {
        return session.inClan() ? directory.channelNamed("Clan " + session.clanName) : null;
    }

    /** §6.3 steps 12-15, shared by normal and forced joins. */
    private void admit(ChatSession s, Channel channel) {
        List<ChatSession> existing = new ArrayList<>(channel.members.values());
        AdminLevel before = levelInList(channel.adminList(), s.accountId);
        if (channel.isFree()) {
            channel.explicitAdmins.put(s.accountId, AdminLevel.ADMINISTRATOR);
            store.persist(channel, "first admin",
                    channels -> channels.setAdmin(channel.id, s.accountId, AdminLevel.ADMINISTRATOR));
        }
        AdminLevel now = channel.levelOf(s);
        channel.members.put(s.accountId, s);
        s.channels.add(channel);
        directory.changed(channel);
        List<AdminEntry> admins = channel.adminList();
        if (now != AdminLevel.NONE && now != before) {
            out.send(existing, new ChannelUpdate(channel.id, channel.name, channel.flags, channel.topic, admins));
        }
        out.send(existing, new JoinedChannel(channel.id, s.memberRecord()));
        out.send(s, changedChannel(channel, s));
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
    public void forceJoin(ChatSession s, Channel channel) {
        if (!channel.isMember(s)) {
            admit(s, channel);
        }
    }

    /** {@code 0x06} to all members including the one leaving, then the removal (§6.2 0x22). */
    public void removeMember(ChatSession s, Channel channel) {
        out.sendToMembers(channel, new LeftChannel(s.accountId, channel.id));
        channel.members.remove(s.accountId);
        s.channels.remove(channel);
        directory.changed(channel);
        deleteIfEmpty(channel);
    }

    /** §3.10 step 1: out of every channel; the remaining members get {@code 0x06}. */
    public void disconnected(ChatSession session) {
        for (Channel channel : new ArrayList<>(session.channels)) {
            channel.members.remove(session.accountId);
            directory.changed(channel);
            out.sendToMembers(channel, new LeftChannel(session.accountId, channel.id));
            deleteIfEmpty(channel);
        }
        session.channels.clear();
    }

    /** §6.2 0x22. */
    public void leave(ChatSession s, String rawName) {
        Channel channel = directory.channelNamed(Text.channelName(rawName));
        if (channel != null && channel.isMember(s)) {
            removeMember(s, channel);
        }
    }

    /** §6.2 0x30: officer and up; cut to 140; sent only when it changed. */
    public void topic(ChatSession s, long channelId, String topic) {
        Channel channel = directory.channel(channelId);
        if (channel == null || channel.levelOf(s).compareTo(AdminLevel.OFFICER) < 0) {
            return;
        }
        String cut = Text.cut(topic, Text.TOPIC);
        if (!cut.equals(channel.topic)) {
            channel.topic = cut;
            directory.changed(channel);
            store.settingsThen(s, channel, () -> out.sendToMembers(channel, new ChannelTopic(channel.id, cut)));
        }
    }

    /** §6.2 0x43: leader and up; "" clears it; the password itself is never sent. */
    public void password(ChatSession s, long channelId, String password) {
        Channel channel = directory.channel(channelId);
        if (channel == null || channel.levelOf(s).compareTo(AdminLevel.LEADER) < 0) {
            return;
        }
        channel.password = password;
        directory.changed(channel);
        store.settingsThen(s, channel, () -> out.sendToMembers(channel,
                new ChannelPasswordChanged(channel.id, s.displayName())));
    }
}
