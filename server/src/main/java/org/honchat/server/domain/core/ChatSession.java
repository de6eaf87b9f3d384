package org.honchat.server.domain.core;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.struct.BuddyCard;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.struct.StatusEntry;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClanRank;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.server.store.Account;
import org.honchat.server.store.Social;

/**
 * One authenticated session and everything the chat rules know about it. Confined to the hub thread, which is why
 * its state is plain fields: every rule reads and writes them on that one thread (ARCHITECTURE.md, single writer).
 */
public final class ChatSession {

    public final long accountId;
    public final String name;
    public final String nameKey;
    public final AccountType type;
    public final String chatSymbol;
    public final String nameColour;
    public final String accountIcon;
    public final long ascension;
    public final boolean gameClient;
    /** The {@code 0x0C00} region field; "" for LEGACY (§6.1 0x68). */
    public final String region;
    public final String cookie;
    public final boolean invisible;
    /** Where this session's packets go; only the {@link Outbox} uses it. */
    public final Endpoint endpoint;

    public ChatMode chatMode = ChatMode.AVAILABLE;
    public String awayReason = "";
    public ChatStatus status = ChatStatus.CONNECTED;
    public PeerStatusTail game = PeerStatusTail.NONE;
    /** §6.9: the session was taken out of the general channel by {@code 0x0F}. */
    public boolean leftGeneralForGame;
    /** End of an operator's matchmaking ban, epoch milliseconds; 0 = none (docs/protocol.md §9.3 reason 9). */
    public long matchmakingBanUntilMillis;
    public final Set<Channel> channels = new LinkedHashSet<>();
    public boolean closed;

    /** Account ids of this account's buddies (§6.7), loaded at login and kept current by the hub. */
    public final Set<Long> buddies = new HashSet<>();
    /** The clan (§6.8); 0 and "" when none. */
    public long clanId;
    public String clanName = "";
    public String clanTag = "";
    public ClanRank clanRank = ClanRank.NONE;

    /** §4.9 flood counter, the time it last decayed, and whether the current episode was already noticed. */
    public int flood;
    public long floodDecayedAt;
    /** When the session was accepted (epoch milliseconds), for the operator. */
    public long connectedAtMillis;
    public boolean flooding;

    /** §1.3 rule 6: while a store lookup for this session runs, its next commands wait here. */
    public boolean awaitingStore;
    public final ArrayDeque<ServerboundPacket> backlog = new ArrayDeque<>();

    public ChatSession(Account account, boolean gameClient, String region, String cookie, boolean invisible,
            Endpoint endpoint) {
        this.accountId = account.id();
        this.name = account.name();
        this.nameKey = account.name().toLowerCase(Locale.ROOT);
        this.type = account.type();
        this.chatSymbol = account.chatSymbol();
        this.nameColour = account.nameColour();
        this.accountIcon = account.accountIcon();
        this.ascension = account.ascension();
        this.gameClient = gameClient;
        this.region = region;
        this.cookie = cookie;
        this.invisible = invisible;
        this.endpoint = endpoint;
        if (invisible) {
            this.chatMode = ChatMode.INVISIBLE;
        }
    }

    public boolean isStaff() {
        return type.isStaff();
    }

    /** §1.5: "[TAG]Nick" in a clan, else "Nick". */
    public String displayName() {
        return clanTag.isEmpty() ? name : "[" + clanTag + "]" + name;
    }

    public boolean inClan() {
        return clanId != 0;
    }

    public void joinClan(Social.Clan clan, ClanRank rank) {
        clanId = clan.id();
        clanName = clan.name();
        clanTag = clan.tag();
        clanRank = rank;
    }

    public void leaveClan() {
        clanId = 0;
        clanName = "";
        clanTag = "";
        clanRank = ClanRank.NONE;
    }

    /** §4.3: from the account type and the clan rank. */
    public ClientFlags flags() {
        int bits = 0;
        if (clanRank == ClanRank.OFFICER) {
            bits |= ClientFlags.OFFICER;
        }
        if (clanRank == ClanRank.LEADER) {
            bits |= ClientFlags.CLAN_LEADER;
        }
        if (isStaff()) {
            bits |= ClientFlags.STAFF;
        }
        if (type == AccountType.PREMIUM) {
            bits |= ClientFlags.PREMIUM;
        }
        return ClientFlags.of(bits);
    }

    public MemberRecord memberRecord() {
        return new MemberRecord(displayName(), accountId, status, flags(), chatSymbol, nameColour, accountIcon,
                ascension);
    }

    public ShortCard shortCard() {
        return new ShortCard(displayName(), accountId, status, flags(), nameColour, accountIcon, ascension);
    }

    public UpdateStatus statusUpdate(ChatStatus shown) {
        return new UpdateStatus(accountId, shown, flags(), clanId, clanName, chatSymbol, nameColour, accountIcon, game,
                null, ascension);
    }

    public StatusEntry statusEntry() {
        return new StatusEntry(accountId, status, flags(), nameColour, accountIcon, game, ascension);
    }

    public BuddyCard buddyCard() {
        return new BuddyCard(accountId, status, flags(), clanId, clanName, chatSymbol, nameColour, accountIcon,
                ascension);
    }

    /** The BuddyCard of an account that is not online: status 0 (§6.7). */
    public static BuddyCard offlineCard(Account account, Social.Membership membership) {
        int bits = (account.type().isStaff() ? ClientFlags.STAFF : 0)
                | (account.type() == AccountType.PREMIUM ? ClientFlags.PREMIUM : 0);
        long clanId = 0;
        String clanName = "";
        if (membership != null) {
            bits |= membership.rank() == ClanRank.OFFICER ? ClientFlags.OFFICER : 0;
            bits |= membership.rank() == ClanRank.LEADER ? ClientFlags.CLAN_LEADER : 0;
            clanId = membership.clan().id();
            clanName = membership.clan().name();
        }
        return new BuddyCard(account.id(), ChatStatus.DISCONNECTED, ClientFlags.of(bits), clanId, clanName,
                account.chatSymbol(), account.nameColour(), account.accountIcon(), account.ascension());
    }

    /** The display name of an account that may not be online. */
    public static String displayName(Account account, Social.Membership membership) {
        return membership == null ? account.name() : "[" + membership.clan().tag() + "]" + account.name();
    }

    public boolean inGame() {
        return status == ChatStatus.JOINING_GAME || status == ChatStatus.IN_GAME;
    }

    public void clearGame() {
        game = PeerStatusTail.NONE;
    }

    @Override
    public String toString() {
        return name + "#" + accountId;
    }
}
