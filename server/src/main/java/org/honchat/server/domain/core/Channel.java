package org.honchat.server.domain.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ClanRank;

/** A chat channel (docs/protocol.md §6.3). Confined to the hub thread, like {@link ChatSession}; nothing here is thread safe. */
public final class Channel {

    public final long id;
    /** The clan whose channel this is ("Clan <name>", §6.3), or 0. */
    public long clanId;
    /** Kept in the store: an operator's permanent channel (changes to it are stored too). */
    public boolean stored;
    public final String name;
    public final String key;
    public ChannelFlags flags;
    public String topic;
    /** Empty: no password. */
    public String password = "";
    public final Map<Long, ChatSession> members = new LinkedHashMap<>();
    /** Explicit admin levels: first-joiner grants and promotions (§6.3). */
    public final Map<Long, AdminLevel> explicitAdmins = new LinkedHashMap<>();
    /** Lower-case bare names allowed in while AUTH_REQUIRED is set. */
    public final Set<String> authList = new HashSet<>();
    public final Set<Long> bans = new HashSet<>();
    /** Account id to silence expiry (epoch millis). */
    public final Map<Long, Long> silences = new HashMap<>();

    public Channel(long id, String name, ChannelFlags flags, String topic) {
        this.id = id;
        this.name = name;
        this.key = key(name);
        this.flags = flags;
        this.topic = topic;
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public boolean has(int flag) {
        return flags.has(flag);
    }

    public boolean isMember(ChatSession session) {
        return members.get(session.accountId) == session;
    }

    /**
     * §6.3 effective level: STAFF for staff everywhere; otherwise NONE in GENERAL_USE and SERVER channels, else the
     * explicit entry (clan ranks join here with the clan issue).
     */
    public AdminLevel levelOf(ChatSession session) {
        if (session.isStaff()) {
            return AdminLevel.STAFF;
        }
        AdminLevel explicit = levelOfAccount(session.accountId);
        AdminLevel derived = AdminLevel.NONE;
        if (clanId != 0 && session.clanId == clanId) {
            // the 2010 mapping kept by §6.3 and §10 item 11: leader ADMINISTRATOR, officers LEADER
            if (session.clanRank == ClanRank.LEADER) {
                derived = AdminLevel.ADMINISTRATOR;
            } else if (session.clanRank == ClanRank.OFFICER) {
                derived = AdminLevel.LEADER;
            }
        }
        return derived.compareTo(explicit) > 0 ? derived : explicit;
    }

    private AdminLevel levelOfAccount(long accountId) {
        if (has(ChannelFlags.GENERAL_USE) || has(ChannelFlags.SERVER)) {
            return AdminLevel.NONE;
        }
        return explicitAdmins.getOrDefault(accountId, AdminLevel.NONE);
    }

    /**
     * The admin list of {@code 0x04}/{@code 0x2F}: every member above NONE, then every explicit entry of an account
     * that is not a member (§6.1, §6.3).
     */
    public List<AdminEntry> adminList() {
        List<AdminEntry> admins = new ArrayList<>();
        for (ChatSession member : members.values()) {
            AdminLevel level = levelOf(member);
            if (level != AdminLevel.NONE) {
                admins.add(new AdminEntry(member.accountId, level));
            }
        }
        for (Map.Entry<Long, AdminLevel> entry : explicitAdmins.entrySet()) {
            if (!members.containsKey(entry.getKey()) && levelOfAccount(entry.getKey()) != AdminLevel.NONE) {
                admins.add(new AdminEntry(entry.getKey(), entry.getValue()));
            }
        }
        return admins;
    }

    /** §6.3 step 12: no members, no admin entries, not RESERVED. */
    public boolean isFree() {
        return members.isEmpty() && explicitAdmins.isEmpty() && !has(ChannelFlags.RESERVED);
    }

    public boolean hasPassword() {
        return !password.isEmpty();
    }

    /**
     * Whether {@code requester} may see this channel in user info (§6.5) and channel lists (§6.10): not HIDDEN, not
     * UNJOINABLE, and either officer there or open to the requester (no password, auth list if AUTH_REQUIRED).
     */
    public boolean visibleTo(ChatSession requester) {
        if (has(ChannelFlags.HIDDEN) || has(ChannelFlags.UNJOINABLE)) {
            return false;
        }
        boolean officer = levelOf(requester).compareTo(AdminLevel.OFFICER) >= 0;
        return officer || (!hasPassword() && (!has(ChannelFlags.AUTH_REQUIRED)
                || authList.contains(org.honchat.server.store.AccountNames.key(requester.name))));
    }

    public boolean isSilenced(long accountId, long nowMillis) {
        Long until = silences.get(accountId);
        return until != null && until > nowMillis;
    }
}
