package org.honchat.protocol;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.clientbound.BuddyAddResponse;
import org.honchat.protocol.clientbound.GroupJoinFailed;
import org.honchat.protocol.clientbound.GroupQueueUpdate;
import org.honchat.protocol.clientbound.GroupUpdate;
import org.honchat.protocol.clientbound.MatchmakingPackets;
import org.honchat.protocol.clientbound.InstantMessage;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.clientbound.UpdateStatus;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.serverbound.IgnoredCommand;
import org.honchat.protocol.struct.BuddyCard;
import org.honchat.protocol.struct.ExtendedServerInfo;
import org.honchat.protocol.struct.PeerStatusTail;
import org.honchat.protocol.struct.ShortCard;
import org.honchat.protocol.types.BuddyAddResult;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.types.GroupUpdateType;
import org.honchat.protocol.wire.Bytes;

/**
 * Sample values for every command record: each record's components are filled from their types (multi-byte UTF-8
 * text, values that use every byte of their width), and records with conditional layouts add one sample per
 * variant.
 */
final class Samples {

    static final String TEXT = "Grüße ✓ 英雄";
    static final long ACCOUNT = 0xFEDC_BA98L;
    static final int SMALL = 0xA5;

    private Samples() {
    }

    /** Every concrete record class in a package of the main code that implements {@code type}. */
    static List<Class<?>> recordsImplementing(Class<?> type, String packageName) {
        List<Class<?>> result = new ArrayList<>();
        URL url = type.getClassLoader().getResource(packageName.replace('.', '/'));
        File dir;
        try {
            dir = new File(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String[] files = dir.list();
        java.util.Arrays.sort(files);
        for (String file : files) {
            if (!file.endsWith(".class")) {
                continue;
            }
            try {
                Class<?> cls = Class.forName(packageName + "." + file.substring(0, file.length() - 6));
                if (cls.isRecord() && type.isAssignableFrom(cls) && !Modifier.isAbstract(cls.getModifiers())) {
                    result.add(cls);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** One or more samples of a command record. */
    static List<Packet> samplesOf(Class<?> record) {
        if (record == InstantMessage.class) {
            return List.of(InstantMessage.plain(TEXT, "hey"), InstantMessage.fromSender(shortCard(), TEXT),
                    InstantMessage.echo(shortCard(), ""));
        }
        if (record == BuddyAddResponse.class) {
            List<Packet> all = new ArrayList<>();
            for (BuddyAddResult type : BuddyAddResult.values()) {
                boolean card = type == BuddyAddResult.REQUEST_SENT || type == BuddyAddResult.REQUEST_RECEIVED;
                all.add(new BuddyAddResponse(type, 42, "[KON]Bob", card ? buddyCard() : null));
            }
            return all;
        }
        if (record == NewClanMember.class) {
            return List.of(NewClanMember.other(1001), NewClanMember.self(ACCOUNT, 17, "Kongor", "KON"));
        }
        if (record == UpdateStatus.class) {
            List<Packet> all = new ArrayList<>();
            for (ChatStatus status : ChatStatus.values()) {
                all.add(new UpdateStatus(ACCOUNT, status, ClientFlags.of(0x42), 17, "Kongor", "sym", "gold",
                        "Default Icon", new PeerStatusTail("198.51.100.20:11235", TEXT, 123456), null, 12));
            }
            all.add(new UpdateStatus(ACCOUNT, ChatStatus.IN_GAME, ClientFlags.NONE, 0, "", "", "white", "icon",
                    new PeerStatusTail("1.2.3.4:5", "game", 0xFFFF_FFFFL), extendedInfo(), 0xFFFF_FFFFL));
            return all;
        }
        if (record == GroupUpdate.class) {
            List<Packet> all = new ArrayList<>();
            for (GroupUpdateType type : GroupUpdateType.values()) {
                all.add(groupUpdate(type));
            }
            return all;
        }
        if (record == GroupQueueUpdate.class) {
            return List.of(GroupQueueUpdate.of(GroupQueueUpdate.MATCHMAKING_DISABLED),
                    new GroupQueueUpdate(GroupQueueUpdate.AVERAGE_QUEUE_TIME, 95));
        }
        if (record == GroupJoinFailed.class) {
            return List.of(GroupJoinFailed.of(GroupJoinFailed.GROUP_FULL), new GroupJoinFailed(GroupJoinFailed.BANNED, 600));
        }
        if (record == MatchmakingPackets.PopularityUpdate.class) {
            return List.of(MatchmakingExamplesTest.smallPopularity(true),
                    MatchmakingExamplesTest.smallPopularity(false));
        }
        if (record == MatchmakingPackets.CampaignStats.class) {
            return List.of(MatchmakingExamplesTest.defaultCampaignStats(),
                    new MatchmakingPackets.CampaignStats(new MatchmakingPackets.SeasonRecord(1672.5f, 12, 40, 31, 3,
                            977, 10, "WWLWL"), MatchmakingPackets.SeasonRecord.unplayed(1500f), false, false));
        }
        if (record == ClientConnect.class) {
            return List.of(
                    new ClientConnect(1000, "5e3f1a2b9c4d", "203.0.113.7", "hash", 68,
                            new ClientConnect.GameClientInfo(1, 10, 0, 0, "wac", "x86_64", 4, 10, 1, 0, 0, 3, "en", "en")),
                    new ClientConnect(1000, "cookie", "ip", "hash", 68, ClientConnect.LegacyTail.BOTS),
                    new ClientConnect(1000, "cookie", "ip", "hash", 68, new ClientConnect.LegacyTail(Bytes.EMPTY)));
        }
        if (record == IgnoredCommand.class) {
            return List.of(new IgnoredCommand(0x0C08), new IgnoredCommand(0x0C1F), new IgnoredCommand(0xB5));
        }
        return List.of((Packet) build(record));
    }

    static ShortCard shortCard() {
        return new ShortCard("[KON]Bob", 1001, ChatStatus.CONNECTED, ClientFlags.of(ClientFlags.CLAN_LEADER), "white",
                "Default Icon", 7);
    }

    static BuddyCard buddyCard() {
        return new BuddyCard(1001, ChatStatus.CONNECTED, ClientFlags.of(2), 17, "Kongor", "", "white",
                "Default Icon", 0);
    }

    static ExtendedServerInfo extendedInfo() {
        return new ExtendedServerInfo(1, "host", "USE", "All Pick", 5, "caldavar", 0, 1, true, false, true, false,
                true, false, true, 1200, 1800, false, true, false, true);
    }

    static GroupUpdate groupUpdate(GroupUpdateType type) {
        List<GroupUpdate.Member> members = List.of(
                new GroupUpdate.Member(1000, "Alice", 1, 0, 0, 0, 0, 1, 0xFFFF, 0, true, false, 1, "white",
                        "Default Icon", "", 1, "true|true", true),
                new GroupUpdate.Member(1001, "[KON]Bob", 2, 5, 6, 7, 8, 1, 1500, 40, false, true, 1, "gold",
                        "Icon:2", "DE", 1, "true", false));
        return new GroupUpdate(type, 1000, 0, 1000, 1, 0, "caldavar", "ap|sd", "USE|EU", 1, 0, 2, 0, "", "", 5, 2,
                members);
    }

    /** Builds a record by filling each component with a sample of its type. */
    static Object build(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = sample(components[i].getType(), components[i].getGenericType());
        }
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample of " + record.getName(), e);
        }
    }

    private static Object sample(Class<?> type, Type generic) {
        if (type == long.class) {
            return ACCOUNT;
        }
        if (type == int.class) {
            return SMALL;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == String.class) {
            return TEXT;
        }
        if (type == ClientFlags.class) {
            return ClientFlags.of(0xE3);
        }
        if (type == ChannelFlags.class) {
            return new ChannelFlags(0xD9);
        }
        if (type == PeerStatusTail.class) {
            return new PeerStatusTail("198.51.100.20:11235", TEXT, 123456);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> elementClass = (Class<?>) element;
            return List.of(sample(elementClass, elementClass), sample(elementClass, elementClass));
        }
        if (type.isRecord()) {
            return build(type);
        }
        throw new IllegalStateException("no sample for " + type);
    }
}
