package org.honchat.protocol.struct;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.wire.PayloadReader;
import org.honchat.protocol.wire.Types;

/**
 * ExtendedServerInfo, docs/protocol.md §5.2: the match details after {@code hasExtended} in a {@code 0x0C} with status
 * IN_GAME. The server sends {@code hasExtended = 0} until match servers are linked (§9); the layout is here so
 * test clients can read what a later phase sends.
 */
public record ExtendedServerInfo(int arrangedMatchType, String playerName, String region, String gameModeName,
        int teamSize, String mapName, int tier, int official, boolean noLeavers, boolean privateGame,
        boolean allHeroes, boolean casual, boolean forceRandom, boolean autoBalanced, boolean advancedOptions,
        int minPsr, int maxPsr, boolean devHeroes, boolean hardcore, boolean verifiedOnly, boolean gated) {

    public ExtendedServerInfo {
        Types.checkU8(arrangedMatchType, "arrangedMatchType");
        Objects.requireNonNull(playerName, "playerName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(gameModeName, "gameModeName");
        Types.checkU8(teamSize, "teamSize");
        Objects.requireNonNull(mapName, "mapName");
        Types.checkU8(tier, "tier");
        Types.checkU8(official, "official");
        Types.checkU16(minPsr, "minPsr");
        Types.checkU16(maxPsr, "maxPsr");
    }

    /** Reads {@code bool hasExtended} and, if set, the fields; {@code null} means "no extended info". */
    public static ExtendedServerInfo readOptional(PayloadReader in) throws ProtocolDecodeException {
        if (!in.bool()) {
            return null;
        }
        return new ExtendedServerInfo(in.u8(), in.str(), in.str(), in.str(), in.u8(), in.str(), in.u8(), in.u8(),
                in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.u16(), in.u16(),
                in.bool(), in.bool(), in.bool(), in.bool());
    }

    public static void writeOptional(ByteBuf out, ExtendedServerInfo info) {
        if (info == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeByte(info.arrangedMatchType);
        Types.writeStr(out, info.playerName);
        Types.writeStr(out, info.region);
        Types.writeStr(out, info.gameModeName);
        out.writeByte(info.teamSize);
        Types.writeStr(out, info.mapName);
        out.writeByte(info.tier);
        out.writeByte(info.official);
        writeBools(out, info.noLeavers, info.privateGame, info.allHeroes, info.casual, info.forceRandom,
                info.autoBalanced, info.advancedOptions);
        out.writeShortLE(info.minPsr);
        out.writeShortLE(info.maxPsr);
        writeBools(out, info.devHeroes, info.hardcore, info.verifiedOnly, info.gated);
    }

    private static void writeBools(ByteBuf out, boolean... values) {
        for (boolean value : values) {
            out.writeByte(value ? 1 : 0);
        }
    }
}
