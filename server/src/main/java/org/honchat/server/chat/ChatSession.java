package org.honchat.server.chat;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.server.store.Account;

/** One authenticated connection and everything the hub knows about it. Hub thread only. */
final class ChatSession {

    final long accountId;
    final String name;
    final String nameKey;
    final AccountType type;
    final String chatSymbol;
    final String nameColour;
    final String accountIcon;
    final long ascension;
    final boolean gameClient;
    /** The {@code 0x0C00} region field; "" for LEGACY (§6.1 0x68). */
    final String region;
    final String cookie;
    final boolean invisible;
    final SessionLink link;

    ChatMode chatMode = ChatMode.AVAILABLE;
    String awayReason = "";
    ChatStatus status = ChatStatus.CONNECTED;
    PeerStatusTail game = PeerStatusTail.NONE;
    /** §6.9: the session was taken out of the general channel by {@code 0x0F}. */
    boolean leftGeneralForGame;
    final Set<Channel> channels = new LinkedHashSet<>();
    boolean closed;

    /** §1.3 rule 6: while a store lookup for this session runs, its next commands wait here. */
    boolean awaitingStore;
    final ArrayDeque<ServerboundPacket> backlog = new ArrayDeque<>();

    ChatSession(Account account, boolean gameClient, String region, String cookie, boolean invisible,
            SessionLink link) {
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
        this.link = link;
        if (invisible) {
            this.chatMode = ChatMode.INVISIBLE;
        }
    }

    boolean isStaff() {
        return type.isStaff();
    }

    /** §1.5: "[TAG]Nick" in a clan, else "Nick" (clans arrive with their issue). */
    String displayName() {
        return name;
    }

    /** §4.3: from the account type (and the clan rank, with clans). */
    ClientFlags flags() {
        int bits = 0;
        if (isStaff()) {
            bits |= ClientFlags.STAFF;
        }
        if (type == AccountType.PREMIUM) {
            bits |= ClientFlags.PREMIUM;
        }
        return ClientFlags.of(bits);
    }

    MemberRecord memberRecord() {
        return new MemberRecord(displayName(), accountId, status, flags(), chatSymbol, nameColour, accountIcon,
                ascension);
    }

    ShortCard shortCard() {
        return new ShortCard(displayName(), accountId, status, flags(), nameColour, accountIcon, ascension);
    }

    UpdateStatus statusUpdate(ChatStatus shown) {
        return new UpdateStatus(accountId, shown, flags(), 0, "", chatSymbol, nameColour, accountIcon, game, null,
                ascension);
    }

    boolean inGame() {
        return status == ChatStatus.JOINING_GAME || status == ChatStatus.IN_GAME;
    }

    void clearGame() {
        game = PeerStatusTail.NONE;
    }

    @Override
    public String toString() {
        return name + "#" + accountId;
    }
}
