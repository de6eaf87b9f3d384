package org.honchat.server.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Endpoint;
import org.honchat.server.store.Account;
import org.honchat.server.store.Social;

/**
 * The hub's chat state as the cluster keeps a copy of it in Redis (docs/cluster.md "When the hub node goes"): one
 * record per session and one per channel, enough for the next hub node to carry on where this one stopped without
 * asking the database: the account as the session showed it, its presence, game, buddies and clan, where its
 * connection is; a channel's settings, its members in join order, admins, auth list, bans and silences. What is
 * not here ends with the hub node: matchmaking groups and queues, flood counters, unfinished clan creations.
 */
public final class HubState {

    /** Bumped whenever the layout changes: a record of another version is not read. */
    private static final int VERSION = 1;

    private HubState() {
    }

    /** Where a session's connection is: a node, its incarnation and the connection's id there (0: on the hub). */
    public record Place(String nodeId, long incarnation, long connectionId, String remoteAddress) {
    }

    /** A session record, read back: {@link #toSession} makes the session again on its new endpoint. */
    public record SessionRecord(Place place, Account account, boolean gameClient, String region, String cookie,
            boolean invisible, ChatMode chatMode, String awayReason, ChatStatus status, PeerStatusTail game,
            boolean leftGeneralForGame, long matchmakingBanUntilMillis, long[] buddies, long clanId, String clanName,
            String clanTag, ClanRank clanRank, boolean inGroup) {

        public ChatSession toSession(Endpoint endpoint) {
            ChatSession session = new ChatSession(account, gameClient, region, cookie, invisible, endpoint);
            session.chatMode = chatMode;
            session.awayReason = awayReason;
            session.status = status;
            session.game = game;
            session.leftGeneralForGame = leftGeneralForGame;
            session.matchmakingBanUntilMillis = matchmakingBanUntilMillis;
            for (long buddy : buddies) {
                session.buddies.add(buddy);
            }
            if (clanId != 0) {
                session.joinClan(new Social.Clan(clanId, clanName, clanTag), clanRank);
            }
            return session;
        }
    }

    /** A channel record, read back; {@code members} are account ids in join order. */
    public record ChannelRecord(Channel channel, long[] members) {
    }

    /** A record that does not parse (another version, or not ours): it is skipped. */
    public static final class BadRecord extends Exception {
        BadRecord(String message) {
            super(message);
        }
    }

    /** @param inGroup whether the session is in a matchmaking group (groups themselves are not kept) */
    public static byte[] encode(ChatSession s, Place place, boolean inGroup) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeUTF(place.nodeId());
            out.writeLong(place.incarnation());
            out.writeLong(place.connectionId());
            out.writeUTF(place.remoteAddress());
            out.writeLong(s.accountId);
            out.writeUTF(s.name);
            out.writeUTF(s.type.name());
            out.writeUTF(s.chatSymbol);
            out.writeUTF(s.nameColour);
            out.writeUTF(s.accountIcon);
            out.writeLong(s.ascension);
            out.writeBoolean(s.gameClient);
            out.writeUTF(s.region);
            out.writeUTF(s.cookie);
            out.writeBoolean(s.invisible);
            out.writeUTF(s.chatMode.name());
            out.writeUTF(s.awayReason);
            out.writeUTF(s.status.name());
            out.writeUTF(s.game.serverAddress());
            out.writeUTF(s.game.gameName());
            out.writeLong(s.game.matchId());
            out.writeBoolean(s.leftGeneralForGame);
            out.writeLong(s.matchmakingBanUntilMillis);
            out.writeInt(s.buddies.size());
            for (long buddy : s.buddies) {
                out.writeLong(buddy);
            }
            out.writeLong(s.clanId);
            out.writeUTF(s.clanName);
            out.writeUTF(s.clanTag);
            out.writeUTF(s.clanRank.name());
            out.writeBoolean(inGroup);
        });
    }

    public static SessionRecord decodeSession(byte[] record) throws BadRecord {
        return read(record, in -> {
            Place place = new Place(in.readUTF(), in.readLong(), in.readLong(), in.readUTF());
            long accountId = in.readLong();
            String name = in.readUTF();
            AccountType type = AccountType.valueOf(in.readUTF());
            Account account = new Account(accountId, name, type, "", in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readLong(), Instant.EPOCH, null);
            boolean gameClient = in.readBoolean();
            String region = in.readUTF();
            String cookie = in.readUTF();
            boolean invisible = in.readBoolean();
            ChatMode chatMode = ChatMode.valueOf(in.readUTF());
            String awayReason = in.readUTF();
            ChatStatus status = ChatStatus.valueOf(in.readUTF());
            PeerStatusTail game = new PeerStatusTail(in.readUTF(), in.readUTF(), in.readLong());
            boolean leftGeneral = in.readBoolean();
            long banUntil = in.readLong();
            long[] buddies = longs(in);
            return new SessionRecord(place, account, gameClient, region, cookie, invisible, chatMode, awayReason,
                    status, game, leftGeneral, banUntil, buddies, in.readLong(), in.readUTF(), in.readUTF(),
                    ClanRank.valueOf(in.readUTF()), in.readBoolean());
        });
    }

    public static byte[] encode(Channel c) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeLong(c.id);
            out.writeUTF(c.name);
            out.writeInt(c.flags.bits());
            out.writeUTF(c.topic);
            out.writeUTF(c.password);
            out.writeLong(c.clanId);
            out.writeBoolean(c.stored);
            out.writeInt(c.members.size());
            for (long member : c.members.keySet()) {
                out.writeLong(member);
            }
            out.writeInt(c.explicitAdmins.size());
            for (Map.Entry<Long, AdminLevel> admin : c.explicitAdmins.entrySet()) {
                out.writeLong(admin.getKey());
                out.writeUTF(admin.getValue().name());
            }
            out.writeInt(c.authList.size());
            for (String name : c.authList) {
                out.writeUTF(name);
            }
            out.writeInt(c.bans.size());
            for (long ban : c.bans) {
                out.writeLong(ban);
            }
            out.writeInt(c.silences.size());
            for (Map.Entry<Long, Long> silence : c.silences.entrySet()) {
                out.writeLong(silence.getKey());
                out.writeLong(silence.getValue());
            }
        });
    }

    public static ChannelRecord decodeChannel(byte[] record) throws BadRecord {
        return read(record, in -> {
            long id = in.readLong();
            String name = in.readUTF();
            Channel channel = new Channel(id, name, new ChannelFlags(in.readInt()), in.readUTF());
            channel.password = in.readUTF();
            channel.clanId = in.readLong();
            channel.stored = in.readBoolean();
            long[] members = longs(in);
            int admins = count(in);
            for (int i = 0; i < admins; i++) {
                channel.explicitAdmins.put(in.readLong(), AdminLevel.valueOf(in.readUTF()));
            }
            int auth = count(in);
            for (int i = 0; i < auth; i++) {
                channel.authList.add(in.readUTF());
            }
            for (long ban : longs(in)) {
                channel.bans.add(ban);
            }
            int silences = count(in);
            for (int i = 0; i < silences; i++) {
                channel.silences.put(in.readLong(), in.readLong());
            }
            return new ChannelRecord(channel, members);
        });
    }

    /** Sessions by account id and channels, made again from their records, members set on both sides. */
    public record Rebuilt(Map<Long, ChatSession> sessions, List<Channel> channels) {
    }

    /**
     * Makes the sessions and channels of a state copy again, each session on the endpoint {@code endpoints} gives
     * it; a member whose session has no record is left out.
     */
    public static Rebuilt rebuild(List<SessionRecord> sessionRecords, List<ChannelRecord> channelRecords,
            Function<SessionRecord, Endpoint> endpoints) {
        Map<Long, ChatSession> sessions = new LinkedHashMap<>();
        for (SessionRecord record : sessionRecords) {
            sessions.put(record.account().id(), record.toSession(endpoints.apply(record)));
        }
        List<Channel> channels = new ArrayList<>(channelRecords.size());
        for (ChannelRecord record : channelRecords) {
            Channel channel = record.channel();
            for (long accountId : record.members()) {
                ChatSession member = sessions.get(accountId);
                if (member != null) {
                    channel.members.put(accountId, member);
                    member.channels.add(channel);
                }
            }
            channels.add(channel);
        }
        return new Rebuilt(sessions, channels);
    }

    /** Reads every record that parses; {@code skipped} hears of the others. */
    public static <T> List<T> decodeAll(List<byte[]> records, Decoder<T> decoder, Runnable skipped) {
        List<T> decoded = new ArrayList<>(records.size());
        for (byte[] record : records) {
            try {
                decoded.add(decoder.decode(record));
            } catch (BadRecord e) {
                skipped.run();
            }
        }
        return decoded;
    }

    /** One record's decoder. */
    public interface Decoder<T> {
        T decode(byte[] record) throws BadRecord;
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Parser<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] record, Parser<T> parser) throws BadRecord {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new BadRecord("record version " + version);
            }
            T value = parser.read(in);
            if (in.available() > 0) {
                throw new BadRecord(in.available() + " bytes after the record");
            }
            return value;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new BadRecord("record does not parse: " + e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("bad count " + count);
        }
        return count;
    }

    private static long[] longs(DataInputStream in) throws IOException {
        int count = count(in);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
