package org.honchat.server.domain.game;

import java.util.ArrayList;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedGame;
import org.honchat.protocol.clientbound.GamePackets.InviteFailedUser;
import org.honchat.protocol.clientbound.GamePackets.InviteRejected;
import org.honchat.protocol.clientbound.GamePackets.InvitedToServer;
import org.honchat.protocol.serverbound.JoinedGame;
import org.honchat.protocol.struct.InviteCard;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.wire.Types;
import org.honchat.server.domain.channel.ChannelRules;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;
import org.honchat.server.domain.presence.Presence;

/**
 * Game status and game invites, docs/protocol.md §6.9: joining ({@code 0x0F}), in a game ({@code 0x10}) with the match
 * channel, back in chat ({@code 0x11}), and invites to the server one is on ({@code 0x23}, {@code 0x24},
 * {@code 0x28}). Hub thread only.
 */
public final class GameStatus {

    private final Outbox out;
    private final Directory directory;
    private final ChannelRules channels;
    private final Presence presence;
    private final boolean leaveGeneralWhenJoiningGame;

    public GameStatus(Outbox out, Directory directory, ChannelRules channels, Presence presence,
            boolean leaveGeneralWhenJoiningGame) {
        this.out = out;
        this.directory = directory;
        this.channels = channels;
        this.presence = presence;
        this.leaveGeneralWhenJoiningGame = leaveGeneralWhenJoiningGame;
    }

    /** §6.9 0x0F: status 4; out of the general channels when configured. */
    public void joining(ChatSession s, String serverAddress) {
        s.status = ChatStatus.JOINING_GAME;
        s.game = PeerStatusTail.joining(serverAddress);
        if (leaveGeneralWhenJoiningGame) {
            for (Channel channel : new ArrayList<>(s.channels)) {
                if (channel.has(ChannelFlags.GENERAL_USE)) {
                    channels.removeMember(s, channel);
                    s.leftGeneralForGame = true;
                }
            }
        }
        presence.announceStatus(s);
    }

    /** §6.9 0x10: status 5; out of older match channels, into this match's one when asked. */
    public void joined(ChatSession s, JoinedGame p) {
        s.status = ChatStatus.IN_GAME;
        s.game = new PeerStatusTail(s.game.serverAddress(), p.gameName(), p.matchId());
        for (Channel channel : new ArrayList<>(s.channels)) {
            if (channel.has(ChannelFlags.SERVER)) {
                channels.removeMember(s, channel);
            }
        }
        if (p.matchId() != Types.U32_NONE && p.joinMatchChannel()) {
            channels.forceJoin(s, channels.matchChannel(p.matchId()));
        }
        presence.announceStatus(s);
    }

    /** §6.9 0x11: back to status 3, and back into a general channel if {@code 0x0F} took it out. */
    public void left(ChatSession s) {
        s.status = ChatStatus.CONNECTED;
        s.clearGame();
        if (s.leftGeneralForGame && !s.invisible
                && s.channels.stream().noneMatch(c -> c.has(ChannelFlags.GENERAL_USE))) {
            channels.forceJoin(s, channels.generalWithRoom());
        }
        s.leftGeneralForGame = false;
        presence.announceStatus(s);
    }

    /** §6.9 game invite by id ({@code 0x23}). */
    public void inviteById(ChatSession s, long targetId) {
        invite(s, directory.session(targetId));
    }

    /** §6.9 game invite by name ({@code 0x24}). */
    public void inviteByName(ChatSession s, String targetName) {
        invite(s, directory.sessionNamed(targetName));
    }

    private void invite(ChatSession s, ChatSession target) {
        if (target == null || target == s || target.invisible) {
            out.send(s, InviteFailedUser.INSTANCE);
        } else if (!s.inGame()) {
            out.send(s, InviteFailedGame.INSTANCE);
        } else if (target.chatMode != ChatMode.DND) {
            out.send(target, new InvitedToServer(new InviteCard(s.displayName(), s.accountId, s.status, s.flags(),
                    s.nameColour, s.accountIcon, s.game, s.ascension)));
        }
    }

    /** §6.2 0x28: the inviter hears of it unless it is in DND. */
    public void rejectInvite(ChatSession s, long inviterId) {
        ChatSession inviter = directory.session(inviterId);
        if (inviter != null && inviter.chatMode != ChatMode.DND) {
            out.send(inviter, new InviteRejected(s.displayName(), s.accountId));
        }
    }
}
