package org.honchat.server.domain.presence;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeChanged;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoInGame;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoNoExist;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOffline;
import org.honchat.protocol.clientbound.PresencePackets.UserInfoOnline;
import org.honchat.protocol.clientbound.PresencePackets.UserStatus;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.struct.StatusEntry;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.core.Text;
import org.honchat.server.store.Account;

/**
 * Who sees whom: the peers of a session (protocol terms, docs/protocol.md), status updates ({@code 0x0B}, {@code 0x0C}), user info
 * ({@code 0x2A}, §6.5), user status ({@code 0x0C05}), chat mode ({@code 0x66}) and the player count ({@code 0x68}).
 * Hub thread only.
 */
public final class Presence {

    private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;

    public Presence(Outbox out, Directory directory, StoreGateway store) {
        this.out = out;
        this.directory = directory;
        this.store = store;
    }

    /** Peers of X: online buddies, clan members and channel mates, deduplicated, not X. */
    public Set<ChatSession> peersOf(ChatSession session) {
        Set<ChatSession> peers = buddiesAndClanOnline(session);
        for (Channel channel : session.channels) {
            peers.addAll(channel.members.values());
        }
        peers.remove(session);
        return peers;
    }

    /** The session's online buddies and clan members, in that order, deduplicated; may include the session. */
    private Set<ChatSession> buddiesAndClanOnline(ChatSession session) {
        Set<ChatSession> known = new LinkedHashSet<>();
        for (long id : session.buddies) {
            ChatSession buddy = directory.session(id);
            if (buddy != null) {
                known.add(buddy);
            }
        }
        if (session.inClan()) {
            known.addAll(directory.clanMembersOnline(session.clanId));
        }
        return known;
    }

    /** {@code 0x0C} with the session's current status to its peers, unless it is invisible. */
    public void announceStatus(ChatSession s) {
        directory.changed(s);
        if (!s.invisible) {
            out.send(peersOf(s), s.statusUpdate(s.status));
        }
    }

    /**
     * §3.7 step 3: online, visible buddies and clan members, cut at the last entry that fits a frame (§1.4 rule 3);
     * LEGACY sessions get one frame per entry, or one empty list (§2.4).
     */
    public void sendInitialStatus(ChatSession session) {
        Set<ChatSession> known = buddiesAndClanOnline(session);
        known.remove(session);
        List<StatusEntry> entries = new ArrayList<>();
        for (ChatSession other : known) {
            if (!other.invisible) {
                entries.add(other.statusEntry());
            }
        }
        if (session.gameClient || entries.isEmpty()) {
            int fits = FrameEncoder.fittingPrefix(entries, InitialStatus::new);
            out.send(session, new InitialStatus(entries.subList(0, fits)));
        } else {
            for (StatusEntry entry : entries) {
                out.send(session, new InitialStatus(List.of(entry)));
            }
        }
    }

    /**
     * §6.2 0x66: modes 0-2 only; an invisible session keeps its mode. The mode is stored and echoed to the sender,
     * nothing else: {@code 0x0C} does not carry the mode, so telling the peers would say nothing new.
     */
    public void chatMode(ChatSession s, ChatMode mode, String reason) {
        if (mode == ChatMode.INVISIBLE || s.invisible) {
            return;
        }
        s.chatMode = mode;
        s.awayReason = Text.cut(reason, Text.MESSAGE);
        directory.changed(s);
        out.send(s, new ChatModeChanged(mode, s.awayReason));
    }

    /** §6.2 0x0C05: 0 for unknown, offline or invisible accounts. */
    public void userStatus(ChatSession s, String name) {
        ChatSession target = directory.sessionNamed(name);
        out.send(s, new UserStatus(name, target == null || target.invisible ? ChatStatus.DISCONNECTED : target.status));
    }

    /** §6.5: online, in game, offline with the last-seen time from the store, or unknown. */
    public void userInfo(ChatSession s, String name) {
        ChatSession target = directory.sessionNamed(name);
        if (target != null) {
            if (target.invisible) {
                out.send(s, new UserInfoNoExist(name));
            } else if (target.status == ChatStatus.CONNECTED) {
                out.send(s, new UserInfoOnline(target.displayName(), visibleChannels(s, target)));
            } else {
                out.send(s, new UserInfoInGame(target.displayName(), target.game.gameName(), ""));
            }
            return;
        }
        store.awaitAccount(s, name, (requester, account) -> {
            ChatSession cameOnline = account.map(a -> directory.session(a.id())).orElse(null);
            if (account.isEmpty() || (cameOnline != null && cameOnline.invisible)) {
                out.send(requester, new UserInfoNoExist(name));
            } else if (cameOnline != null) {
                // logged in while the store answered: report as online, as the next 0x2A would
                userInfo(requester, name);
            } else {
                Account a = account.get();
                out.send(requester, new UserInfoOffline(a.name(),
                        a.lastSeen() == null ? "never" : LAST_SEEN.format(a.lastSeen())));
            }
        });
    }

    /** §6.5: the target's channels the requester may see. */
    private static List<String> visibleChannels(ChatSession requester, ChatSession target) {
        List<String> names = new ArrayList<>();
        for (Channel channel : target.channels) {
            if (channel.visibleTo(requester)) {
                names.add(channel.name);
            }
        }
        return names;
    }

    /** §6.1 0x68 for one session: the regional breakdown only for staff. */
    public PlayerCount playerCount(ChatSession to) {
        return new PlayerCount(directory.onlineCount(), to.isStaff() ? regions() : "");
    }

    /** §6.1 0x68: {@code region:count|...} from the 0x0C00 region field, "unknown" for empty or LEGACY. */
    private String regions() {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (ChatSession session : directory.sessions()) {
            String region = session.region.isEmpty() ? "unknown" : session.region.replace("|", "").replace(":", "");
            counts.merge(region, 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((region, count) -> text.append(text.length() == 0 ? "" : "|").append(region).append(':')
                .append(count));
        return text.toString();
    }

    /** §3.9: every authenticated session, periodically; encoded once for everyone but staff. */
    public void broadcastPlayerCount() {
        List<ChatSession> plain = new ArrayList<>();
        for (ChatSession session : directory.sessions()) {
            if (session.isStaff()) {
                out.send(session, playerCount(session));
            } else {
                plain.add(session);
            }
        }
        out.send(plain, new PlayerCount(directory.onlineCount(), ""));
    }
}
