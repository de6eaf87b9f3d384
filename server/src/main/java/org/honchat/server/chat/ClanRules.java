package org.honchat.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.ServerboundPacket;
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
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisper;
import org.honchat.protocol.clientbound.MessagePackets.ClanWhisperFailed;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.PresencePackets.NameChange;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRejected;
import org.honchat.protocol.serverbound.ClanRequests.ClanCreateRequest;
import org.honchat.protocol.serverbound.ClanRequests.ClanDemote;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteAccepted;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteMember;
import org.honchat.protocol.serverbound.ClanRequests.ClanInviteRejected;
import org.honchat.protocol.serverbound.ClanRequests.ClanPromote;
import org.honchat.protocol.serverbound.ClanRequests.ClanRemove;
import org.honchat.protocol.serverbound.MessageRequests.SendClanWhisper;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.store.DuplicateNameException;
import org.honchat.server.store.Social;

/**
 * Clans, PROTOCOL.md §6.8: clan whisper, invites, creation with four founding members, removal, promotion and
 * demotion, with the clan channel and the name changes they cause. Store writes go through the store's writer
 * thread before anyone is told. Hub thread only, apart from the store work.
 */
final class ClanRules {

    /** §4.8: pending invites and creations live 120 s. */
    static final long PENDING_MILLIS = 120_000;

    private final ChatDomain domain;
    private final Hub hub;
    private final StoreGateway store;

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

    ClanRules(ChatDomain domain, Hub hub, StoreGateway store) {
        this.domain = domain;
        this.hub = hub;
        this.store = store;
    }

    boolean handle(ChatSession s, ServerboundPacket packet) {
        if (packet instanceof SendClanWhisper) {
            whisper(s, ((SendClanWhisper) packet).message());
        } else if (packet instanceof ClanInviteMember) {
            invite(s, ((ClanInviteMember) packet).targetName());
        } else if (packet instanceof ClanInviteRejected || packet instanceof ClanCreateRejected) {
            reject(s, packet instanceof ClanInviteRejected);
        } else if (packet instanceof ClanInviteAccepted) {
            accept(s);
        } else if (packet instanceof ClanCreateRequest) {
            create(s, (ClanCreateRequest) packet);
        } else if (packet instanceof ClanRemove) {
            remove(s, ((ClanRemove) packet).targetId());
        } else if (packet instanceof ClanPromote) {
            changeRank(s, ((ClanPromote) packet).targetId(), ClanRank.MEMBER, ClanRank.OFFICER);
        } else if (packet instanceof ClanDemote) {
            changeRank(s, ((ClanDemote) packet).targetId(), ClanRank.OFFICER, ClanRank.MEMBER);
        } else {
            return false;
        }
        return true;
    }

    /** §6.2 0x13. */
    private void whisper(ChatSession s, String message) {
        if (!s.inClan()) {
            hub.send(s, ClanWhisperFailed.INSTANCE);
            return;
        }
        List<ChatSession> others = new ArrayList<>(domain.clanMembersOnline(s.clanId));
        others.remove(s);
        hub.send(others, new ClanWhisper(s.accountId, Text.cut(message, Text.MESSAGE)));
    }

    private boolean hasPendingInvite(long accountId) {
        Invite invite = invites.get(accountId);
        return invite != null && invite.expires() > domain.now();
    }

    private Creation creationOf(long accountId) {
        for (Creation creation : creations) {
            if (creation.expires > domain.now()
                    && (creation.founderId == accountId || creation.members.containsKey(accountId))) {
                return creation;
            }
        }
        return null;
    }

    /** §6.8 invite, the checks in their order. */
    private void invite(ChatSession s, String targetName) {
        ChatSession target = targetName.isEmpty() ? null : domain.online(targetName);
        if (target == null || target.invisible) {
            hub.send(s, ClanAddFailOnline.INSTANCE);
        } else if (target.inClan()) {
            hub.send(s, ClanAddFailClan.INSTANCE);
        } else if (target.chatMode == ChatMode.DND) {
            hub.send(s, new ChatModeAutoResponse(ChatMode.DND, target.displayName(), target.awayReason));
        } else if (!s.inClan()) {
            hub.send(s, new ClanAddFailUnknown(s.displayName()));
        } else if (s.clanRank != ClanRank.OFFICER && s.clanRank != ClanRank.LEADER) {
            hub.send(s, ClanAddFailPerms.INSTANCE);
        } else if (hasPendingInvite(target.accountId) || creationOf(target.accountId) != null) {
            hub.send(s, ClanAddFailInvited.INSTANCE);
        } else {
            invites.put(target.accountId, new Invite(s.accountId,
                    new Social.Clan(s.clanId, s.clanName, s.clanTag), domain.now() + PENDING_MILLIS));
            hub.send(target, new ClanInvite(s.displayName(), s.clanName));
        }
    }

    /** 0x48 (or 0x53) from an invitee or a founding member. */
    private void reject(ChatSession s, boolean alsoInvites) {
        Invite invite = alsoInvites ? invites.remove(s.accountId) : null;
        if (invite != null) {
            ChatSession inviter = domain.session(invite.inviterId());
            if (inviter != null) {
                hub.send(inviter, new ClanAddRejected(s.displayName()));
            }
            return;
        }
        Creation creation = creationOf(s.accountId);
        if (creation != null && creation.founderId != s.accountId) {
            cancel(creation, s);
        }
    }

    private void cancel(Creation creation, ChatSession member) {
        creations.remove(creation);
        ChatSession founder = domain.session(creation.founderId);
        if (founder != null) {
            hub.send(founder, new ClanCreateReject(member.displayName()));
        }
    }

    /** 0x4F: an invite, or a founding member's acceptance. */
    private void accept(ChatSession s) {
        Invite invite = invites.remove(s.accountId);
        if (invite != null && invite.expires() > domain.now() && !s.inClan()) {
            Social.Clan clan = invite.clan();
            domain.awaitSerial(s, "clan membership", () -> store.social().addMember(clan.id(), s.accountId,
                    ClanRank.MEMBER, domain.instant()), (session, stored) -> {
                        if (!Boolean.TRUE.equals(stored)) {
                            ClanAddFailUnknown failure = new ClanAddFailUnknown(session.displayName());
                            hub.send(session, failure);
                            ChatSession inviter = domain.session(invite.inviterId());
                            if (inviter != null) {
                                hub.send(inviter, failure);
                            }
                            return;
                        }
                        joined(session, clan, ClanRank.MEMBER);
                        List<ChatSession> others = new ArrayList<>(domain.clanMembersOnline(clan.id()));
                        others.remove(session);
                        hub.send(others, NewClanMember.other(session.accountId));
                        hub.send(session, NewClanMember.self(session.accountId, clan.id(), clan.name(), clan.tag()));
                        hub.send(domain.peersOf(session), new NameChange(session.accountId, session.displayName()));
                    });
            return;
        }
        Creation creation = creationOf(s.accountId);
        if (creation == null || creation.founderId == s.accountId) {
            return;
        }
        creation.members.put(s.accountId, true);
        if (creation.members.containsValue(false)) {
            ChatSession founder = domain.session(creation.founderId);
            if (founder != null) {
                hub.send(founder, new ClanCreateAccept(s.displayName()));
            }
            return;
        }
        creations.remove(creation);
        complete(creation);
    }

    /** The session is now in {@code clan}: state, then the forced join of the clan channel (§6.8). */
    private void joined(ChatSession session, Social.Clan clan, ClanRank rank) {
        session.joinClan(clan, rank);
        domain.clanJoined(session);
        domain.forceJoin(session, domain.clanChannel(session));
    }

    /** §6.8 "Create 0x51", the checks in their order. */
    private void create(ChatSession s, ClanCreateRequest p) {
        List<String> names = List.of(p.member1(), p.member2(), p.member3(), p.member4());
        List<ChatSession> members = new ArrayList<>();
        for (String name : names) {
            ChatSession member = name.isEmpty() ? null : domain.online(name);
            if (member == null || member.invisible || member.chatMode == ChatMode.DND) {
                hub.send(s, new ClanCreateFailFind(name));
                return;
            }
            members.add(member);
        }
        Set<ChatSession> distinct = new LinkedHashSet<>(members);
        if (distinct.size() < members.size() || distinct.contains(s)) {
            hub.send(s, ClanCreateFailDupe.INSTANCE);
            return;
        }
        if (s.inClan()) {
            hub.send(s, new ClanCreateFailClan(s.displayName()));
            return;
        }
        for (ChatSession member : members) {
            if (member.inClan()) {
                hub.send(s, new ClanCreateFailClan(member.displayName()));
                return;
            }
        }
        List<ChatSession> everyone = new ArrayList<>(members);
        everyone.add(0, s);
        for (ChatSession person : everyone) {
            if (hasPendingInvite(person.accountId) || creationOf(person.accountId) != null) {
                hub.send(s, new ClanCreateFailInvite(person.displayName()));
                return;
            }
        }
        String name = p.clanName();
        String tag = p.clanTag();
        if (!validNameAndTag(name, tag)) {
            hub.send(s, ClanCreateFailParam.INSTANCE);
            return;
        }
        domain.awaitSerial(s, "clan name check", () -> new boolean[] {
            store.social().clanByName(name).isPresent(), store.social().clanByTag(tag).isPresent()},
            (founder, taken) -> {
                if (taken == null) {
                    hub.send(founder, ClanCreateFailUnknown.INSTANCE);
                } else if (taken[0]) {
                    hub.send(founder, ClanCreateFailName.INSTANCE);
                } else if (taken[1]) {
                    hub.send(founder, ClanCreateFailTag.INSTANCE);
                } else {
                    Creation creation = new Creation(founder.accountId, name, tag, domain.now() + PENDING_MILLIS);
                    members.forEach(m -> creation.members.put(m.accountId, false));
                    creations.add(creation);
                    hub.send(members, new ClanInvite(founder.displayName(), name));
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
        ChatSession founder = domain.session(creation.founderId);
        if (founder == null) {
            return;
        }
        Map<Long, ClanRank> ranks = new LinkedHashMap<>();
        ranks.put(creation.founderId, ClanRank.LEADER);
        creation.members.keySet().forEach(id -> ranks.put(id, ClanRank.OFFICER));
        domain.awaitSerial(founder, "clan creation", () -> {
            if (store.social().clanByName(creation.name).isPresent()) {
                return "name";
            }
            if (store.social().clanByTag(creation.tag).isPresent()) {
                return "tag";
            }
            try {
                return store.social().createClan(creation.name, creation.tag, creation.founderId, ranks,
                        domain.instant());
            } catch (DuplicateNameException raced) {
                return "name";
            }
        }, (leader, result) -> {
            if (!(result instanceof Social.Clan)) {
                hub.send(leader, "name".equals(result) ? ClanCreateFailName.INSTANCE
                        : "tag".equals(result) ? ClanCreateFailTag.INSTANCE : ClanCreateFailUnknown.INSTANCE);
                return;
            }
            Social.Clan clan = (Social.Clan) result;
            List<ChatSession> five = new ArrayList<>();
            five.add(leader);
            for (long id : creation.members.keySet()) {
                ChatSession member = domain.session(id);
                if (member != null) {
                    five.add(member);
                }
            }
            for (ChatSession person : five) {
                person.joinClan(clan, person == leader ? ClanRank.LEADER : ClanRank.OFFICER);
                domain.clanJoined(person);
            }
            hub.sendCombined(leader, ClanCreateComplete.INSTANCE,
                    NewClanMember.self(leader.accountId, clan.id(), clan.name(), clan.tag()));
            for (ChatSession member : five.subList(1, five.size())) {
                hub.send(member, NewClanMember.self(member.accountId, clan.id(), clan.name(), clan.tag()));
            }
            Channel channel = domain.clanChannel(leader);
            for (ChatSession person : five) {
                domain.forceJoin(person, channel);
            }
            for (ChatSession person : five) {
                for (ChatSession other : five) {
                    if (other != person) {
                        hub.send(person, NewClanMember.other(other.accountId));
                    }
                }
            }
            for (ChatSession person : five) {
                hub.send(domain.peersOf(person), new NameChange(person.accountId, person.displayName()));
            }
            for (ChatSession person : five) {
                if (!person.invisible) {
                    hub.send(domain.peersOf(person), person.statusUpdate(person.status));
                }
            }
        });
    }

    /** §6.8 remove: oneself, the leader, or an officer removing a plain member; same clan. */
    private void remove(ChatSession s, long targetId) {
        if (!s.inClan()) {
            return;
        }
        long clanId = s.clanId;
        ChatSession online = domain.session(targetId);
        domain.awaitSerial(s, "clan removal", () -> {
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
            hub.send(domain.clanMembersOnline(clanId), new ClanRankChange(targetId, ClanRank.NONE,
                    requester.accountId));
            ChatSession target = domain.session(targetId);
            if (target != null && target.clanId == clanId) {
                Channel channel = domain.existingClanChannel(target);
                domain.clanLeft(target);
                target.leaveClan();
                if (channel != null && channel.isMember(target)) {
                    domain.removeMember(target, channel);
                }
                hub.send(domain.peersOf(target), new NameChange(target.accountId, target.displayName()));
            }
        });
    }

    /** §6.8 promote / demote: the leader only; 0x50 to the clan, then 0x2F to its channel. */
    private void changeRank(ChatSession s, long targetId, ClanRank from, ClanRank to) {
        if (s.clanRank != ClanRank.LEADER || targetId == s.accountId) {
            return;
        }
        long clanId = s.clanId;
        ChatSession online = domain.session(targetId);
        domain.awaitSerial(s, "clan rank", () -> {
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
            ChatSession target = domain.session(targetId);
            if (target != null && target.clanId == clanId) {
                target.clanRank = to;
            }
            hub.send(domain.clanMembersOnline(clanId), new ClanRankChange(targetId, to, leader.accountId));
            Channel channel = domain.existingClanChannel(leader);
            if (channel != null) {
                hub.send(channel.members.values(), new ChannelUpdate(channel.id, channel.name, channel.flags,
                        channel.topic, channel.adminList()));
            }
        });
    }

    /** §3.10 step 3: invites sent or received go; a founding member's departure cancels its creation. */
    void disconnected(ChatSession s) {
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
        creations.removeIf(c -> c.expires <= domain.now());
    }
}
