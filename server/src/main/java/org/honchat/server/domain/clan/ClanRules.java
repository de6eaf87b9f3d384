package org.honchat.server.domain.clan;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelUpdate;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailClan;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailInvited;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailOnline;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailPerms;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddFailUnknown;
import org.honchat.protocol.clientbound.ClanPackets.ClanAddRejected;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateAccept;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateComplete;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailClan;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailDupe;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailFind;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailInvite;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailName;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailParam;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailTag;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateFailUnknown;
import org.honchat.protocol.clientbound.ClanPackets.ClanCreateReject;
import org.honchat.protocol.clientbound.ClanPackets.ClanInvite;
import org.honchat.protocol.clientbound.ClanPackets.ClanRankChange;
import org.honchat.protocol.clientbound.MessagePackets.ChatModeAutoResponse;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.PresencePackets.NameChange;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRequest;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.core.StoreGateway;
import org.honchat.server.domain.presence.Presence;
import org.honchat.server.store.DuplicateNameException;
import org.honchat.server.store.Social;

/**
 * Clans, docs/protocol.md §6.8: clan whisper, invites, creation with four founding members, removal, promotion and
 * demotion, with the clan channel and the name changes they cause. Store writes go through the store's writer
 * thread before anyone is told. Hub thread only, apart from the store work.
 */
public final class ClanRules {

    /** §4.8: pending invites and creations live 120 s. */
    static final long PENDING_MILLIS = 120_000;

    private final Outbox out;
    private final Directory directory;
    private final StoreGateway store;
    private final ChannelRules channels;
    private final Presence presence;
    private final Clock clock;

    private record Invite(long inviterId, Social.Clan clan, long expires) {
    }

    /** A clan creation waiting for its four founding members (§6.8). */
    private static final class Creation {
        final long founderId;
        final String name;
        final String tag;
        final Map<Long, Boolean> members = new LinkedHashMap<>();
        final long expires;

        Creation(long founderId, String name, String tag, long expires) {
            this.founderId = founderId;
            this.name = name;
            this.tag = tag;
            this.expires = expires;
        }
    }

    private final Map<Long, Invite> invites = new HashMap<>();
    private final List<Creation> creations = new ArrayList<>();

    public ClanRules(Outbox out, Directory directory, StoreGateway store, ChannelRules channels, Presence presence,
            Clock clock) {
        this.out = out;
        this.directory = directory;
        this.store = store;
        this.channels = channels;
        this.presence = presence;
        this.clock = clock;
    }

    private boolean hasPendingInvite(long accountId) {
        Invite invite = invites.get(accountId);
        return invite != null && invite.expires() > clock.millis();
    }

    private Creation creationOf(long accountId) {
        for (Creation creation : creations) {
            if (creation.expires > clock.millis()
                    && (creation.founderId == accountId || creation.members.containsKey(accountId))) {
                return creation;
            }
        }
        return null;
    }

    /** §6.8 invite, the checks in their order. */
    public void invite(ChatSession s, String targetName) {
        ChatSession target = targetName.isEmpty() ? null : directory.sessionNamed(targetName);
        if (target == null || target.invisible) {
            out.send(s, ClanAddFailOnline.INSTANCE);
        } else if (target.inClan()) {
            out.send(s, ClanAddFailClan.INSTANCE);
        } else if (target.chatMode == ChatMode.DND) {
            out.send(s, new ChatModeAutoResponse(ChatMode.DND, target.displayName(), target.awayReason));
        } else if (!s.inClan()) {
            out.send(s, new ClanAddFailUnknown(s.displayName()));
        } else if (s.clanRank != ClanRank.OFFICER && s.clanRank != ClanRank.LEADER) {
            out.send(s, ClanAddFailPerms.INSTANCE);
        } else if (hasPendingInvite(target.accountId) || creationOf(target.accountId) != null) {
            out.send(s, ClanAddFailInvited.INSTANCE);
        } else {
            invites.put(target.accountId, new Invite(s.accountId,
                    new Social.Clan(s.clanId, s.clanName, s.clanTag), clock.millis() + PENDING_MILLIS));
            out.send(target, new ClanInvite(s.displayName(), s.clanName));
        }
    }

    /** §6.2 0x48: the invitee rejects its invite, or a founding member its creation. */
    public void rejectInvite(ChatSession s) {
        reject(s, true);
    }

    /** §6.2 0x53: treated like 0x48 for a founding member of a pending creation, else ignored. */
    public void rejectCreation(ChatSession s) {
        reject(s, false);
    }

    private void reject(ChatSession s, boolean alsoInvites) {
        Invite invite = alsoInvites ? invites.remove(s.accountId) : null;
        if (invite != null) {
            out.sendToAccount(invite.inviterId(), new ClanAddRejected(s.displayName()));
            return;
        }
        Creation creation = creationOf(s.accountId);
        if (creation != null && creation.founderId != s.accountId) {
            cancel(creation, s);
        }
    }

    private void cancel(Creation creation, ChatSession member) {
        creations.remove(creation);
        out.sendToAccount(creation.founderId, new ClanCreateReject(member.displayName()));
    }

    /** 0x4F: an invite, or a founding member's acceptance. */
    public void accept(ChatSession s) {
        Invite invite = invites.remove(s.accountId);
        if (invite != null && invite.expires() > clock.millis() && !s.inClan()) {
            Social.Clan clan = invite.clan();
            store.awaitSerial(s, "clan membership", () -> store.social().addMember(clan.id(), s.accountId,
                    ClanRank.MEMBER, clock.instant()), (session, stored) -> {
                        if (!Boolean.TRUE.equals(stored)) {
                            ClanAddFailUnknown failure = new ClanAddFailUnknown(session.displayName());
                            out.send(session, failure);
                            out.sendToAccount(invite.inviterId(), failure);
                            return;
                        }
                        joined(session, clan, ClanRank.MEMBER);
                        List<ChatSession> others = new ArrayList<>(directory.clanMembersOnline(clan.id()));
                        others.remove(session);
                        out.send(others, NewClanMember.other(session.accountId));
                        out.send(session, NewClanMember.self(session.accountId, clan.id(), clan.name(), clan.tag()));
                        out.send(presence.peersOf(session), new NameChange(session.accountId, session.displayName()));
                    });
            return;
        }
        Creation creation = creationOf(s.accountId);
        if (creation == null || creation.founderId == s.accountId) {
            return;
        }
        creation.members.put(s.accountId, true);
        if (creation.members.containsValue(false)) {
            out.sendToAccount(creation.founderId, new ClanCreateAccept(s.displayName()));
            return;
        }
        creations.remove(creation);
        complete(creation);
    }

    /** The session is now in {@code clan}: state, then the forced join of the clan channel (§6.8). */
    private void joined(ChatSession session, Social.Clan clan, ClanRank rank) {
        session.joinClan(clan, rank);
        directory.clanJoined(session);
        channels.forceJoin(session, channels.clanChannel(session));
    }

    /** §6.8 "Create 0x51", the checks in their order. */
    public void create(ChatSession s, ClanCreateRequest p) {
        List<String> names = List.of(p.member1(), p.member2(), p.member3(), p.member4());
        List<ChatSession> members = new ArrayList<>();
        for (String name : names) {
            ChatSession member = name.isEmpty() ? null : directory.sessionNamed(name);
            if (member == null || member.invisible || member.chatMode == ChatMode.DND) {
                out.send(s, new ClanCreateFailFind(name));
                return;
            }
            members.add(member);
        }
        Set<ChatSession> distinct = new LinkedHashSet<>(members);
        if (distinct.size() < members.size() || distinct.contains(s)) {
            out.send(s, ClanCreateFailDupe.INSTANCE);
            return;
        }
        if (s.inClan()) {
            out.send(s, new ClanCreateFailClan(s.displayName()));
            return;
        }
        for (ChatSession member : members) {
            if (member.inClan()) {
                out.send(s, new ClanCreateFailClan(member.displayName()));
                return;
            }
        }
        List<ChatSession> everyone = new ArrayList<>(members);
        everyone.add(0, s);
        for (ChatSession person : everyone) {
            if (hasPendingInvite(person.accountId) || creationOf(person.accountId) != null) {
                out.send(s, new ClanCreateFailInvite(person.displayName()));
                return;
            }
        }
        String name = p.clanName();
        String tag = p.clanTag();
        if (!validNameAndTag(name, tag)) {
            out.send(s, ClanCreateFailParam.INSTANCE);
            return;
        }
        store.awaitSerial(s, "clan name check", () -> new boolean[] {
            store.social().clanByName(name).isPresent(), store.social().clanByTag(tag).isPresent()},
            (founder, taken) -> {
                if (taken == null) {
                    out.send(founder, ClanCreateFailUnknown.INSTANCE);
                } else if (taken[0]) {
                    out.send(founder, ClanCreateFailName.INSTANCE);
                } else if (taken[1]) {
                    out.send(founder, ClanCreateFailTag.INSTANCE);
                } else {
                    Creation creation = new Creation(founder.accountId, name, tag, clock.millis() + PENDING_MILLIS);
                    members.forEach(m -> creation.members.put(m.accountId, false));
                    creations.add(creation);
                    out.send(members, new ClanInvite(founder.displayName(), name));
                }
            });
    }

    /** §4.8 and 0x59: name 1-30 code points, tag 1-4 characters. */
    static boolean validNameAndTag(String name, String tag) {
        int nameLength = name.codePointCount(0, name.length());
        int tagLength = tag.codePointCount(0, tag.length());
        return !name.isBlank() && nameLength <= 30 && !tag.isBlank() && tagLength <= 4
                && !tag.contains("[") && !tag.contains("]");
    }

    /** All four accepted: store, then tell everyone in the order of §6.8. */
    private void complete(Creation creation) {
        ChatSession founder = directory.session(creation.founderId);
        if (founder == null) {
            return;
        }
        Map<Long, ClanRank> ranks = new LinkedHashMap<>();
        ranks.put(creation.founderId, ClanRank.LEADER);
        creation.members.keySet().forEach(id -> ranks.put(id, ClanRank.OFFICER));
        store.awaitSerial(founder, "clan creation", () -> {
            if (store.social().clanByName(creation.name).isPresent()) {
                return "name";
            }
            if (store.social().clanByTag(creation.tag).isPresent()) {
                return "tag";
            }
            try {
                return store.social().createClan(creation.name, creation.tag, creation.founderId, ranks,
                        clock.instant());
            } catch (DuplicateNameException raced) {
                return "name";
            }
        }, (leader, result) -> {
            if (!(result instanceof Social.Clan clan)) {
                out.send(leader, "name".equals(result) ? ClanCreateFailName.INSTANCE
                        : "tag".equals(result) ? ClanCreateFailTag.INSTANCE : ClanCreateFailUnknown.INSTANCE);
                return;
            }
            List<ChatSession> five = new ArrayList<>();
            five.add(leader);
            for (long id : creation.members.keySet()) {
                ChatSession member = directory.session(id);
                if (member != null) {
                    five.add(member);
                }
            }
            for (ChatSession person : five) {
                person.joinClan(clan, person == leader ? ClanRank.LEADER : ClanRank.OFFICER);
                directory.clanJoined(person);
            }
            out.sendCombined(leader, ClanCreateComplete.INSTANCE,
                    NewClanMember.self(leader.accountId, clan.id(), clan.name(), clan.tag()));
            for (ChatSession member : five.subList(1, five.size())) {
                out.send(member, NewClanMember.self(member.accountId, clan.id(), clan.name(), clan.tag()));
            }
            Channel channel = channels.clanChannel(leader);
            for (ChatSession person : five) {
                channels.forceJoin(person, channel);
            }
            for (ChatSession person : five) {
                for (ChatSession other : five) {
                    if (other != person) {
                        out.send(person, NewClanMember.other(other.accountId));
                    }
                }
            }
            for (ChatSession person : five) {
                out.send(presence.peersOf(person), new NameChange(person.accountId, person.displayName()));
            }
            for (ChatSession person : five) {
                if (!person.invisible) {
                    out.send(presence.peersOf(person), person.statusUpdate(person.status));
                }
            }
        });
    }

    /** §6.8 remove: oneself, the leader, or an officer removing a plain member; same clan. */
    public void remove(ChatSession s, long targetId) {
        if (!s.inClan()) {
            return;
        }
        long clanId = s.clanId;
        ChatSession online = directory.session(targetId);
        store.awaitSerial(s, "clan removal", () -> {
            Optional<Social.Membership> stored = store.social().membership(targetId);
            ClanRank rank = online != null && online.clanId == clanId ? online.clanRank
                    : stored.filter(m -> m.clan().id() == clanId).map(Social.Membership::rank).orElse(ClanRank.NONE);
            if (rank == ClanRank.NONE) {
                return null;
            }
            boolean allowed = targetId == s.accountId || s.clanRank == ClanRank.LEADER
                    || (s.clanRank == ClanRank.OFFICER && rank == ClanRank.MEMBER);
            if (!allowed) {
                return null;
            }
            // idempotent: set_rank may already have removed it (§6.8)
            store.social().removeMember(targetId);
            return rank;
        }, (requester, removedRank) -> {
            if (removedRank == null) {
                return;
            }
            out.send(directory.clanMembersOnline(clanId), new ClanRankChange(targetId, ClanRank.NONE,
                    requester.accountId));
            ChatSession target = directory.session(targetId);
            if (target != null && target.clanId == clanId) {
                Channel channel = channels.existingClanChannel(target);
                directory.clanLeft(target);
                target.leaveClan();
                if (channel != null && channel.isMember(target)) {
                    channels.removeMember(target, channel);
                }
                out.send(presence.peersOf(target), new NameChange(target.accountId, target.displayName()));
            }
        });
    }

    /** §6.2 0x15. */
    public void promote(ChatSession s, long targetId) {
        changeRank(s, targetId, ClanRank.MEMBER, ClanRank.OFFICER);
    }

    /** §6.2 0x16. */
    public void demote(ChatSession s, long targetId) {
        changeRank(s, targetId, ClanRank.OFFICER, ClanRank.MEMBER);
    }

    /** §6.8 promote / demote: the leader only; 0x50 to the clan, then 0x2F to its channel. */
    private void changeRank(ChatSession s, long targetId, ClanRank from, ClanRank to) {
        if (s.clanRank != ClanRank.LEADER || targetId == s.accountId) {
            return;
        }
        long clanId = s.clanId;
        ChatSession online = directory.session(targetId);
        store.awaitSerial(s, "clan rank", () -> {
            ClanRank rank = online != null && online.clanId == clanId ? online.clanRank
                    : store.social().membership(targetId).filter(m -> m.clan().id() == clanId)
                            .map(Social.Membership::rank).orElse(ClanRank.NONE);
            // the rank before, or already the new one when set_rank got there first (§6.8)
            if (rank != from && rank != to) {
                return false;
            }
            store.social().setRank(targetId, to);
            return true;
        }, (leader, changed) -> {
            if (!Boolean.TRUE.equals(changed)) {
                return;
            }
            ChatSession target = directory.session(targetId);
            if (target != null && target.clanId == clanId) {
                target.clanRank = to;
                directory.changed(target);
            }
            out.send(directory.clanMembersOnline(clanId), new ClanRankChange(targetId, to, leader.accountId));
            Channel channel = channels.existingClanChannel(leader);
            if (channel != null) {
                out.sendToMembers(channel, new ChannelUpdate(channel.id, channel.name, channel.flags,
                        channel.topic, channel.adminList()));
            }
        });
    }

    /** §3.10 step 3: invites sent or received go; a founding member's departure cancels its creation. */
    public void disconnected(ChatSession s) {
        invites.remove(s.accountId);
        invites.values().removeIf(invite -> invite.inviterId() == s.accountId);
        Creation creation = creationOf(s.accountId);
        if (creation != null) {
            if (creation.founderId == s.accountId) {
                creations.remove(creation);
            } else {
                cancel(creation, s);
            }
        }
        creations.removeIf(c -> c.expires <= clock.millis());
    }
}
