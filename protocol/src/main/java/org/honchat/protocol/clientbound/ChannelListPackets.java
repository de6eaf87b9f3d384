package org.honchat.protocol.clientbound;

import java.util.List;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.protocol.wire.Types;

/** The channel list and sub-lists, server to client (docs/protocol.md §6.10). */
public final class ChannelListPackets {

    private ChannelListPackets() {
    }

    /** One visible channel of a full listing. */
    public record ChannelInfo(long channelId, String name, int memberCount) implements ClientboundPacket {
        public static final PacketCodec<ChannelInfo> CODEC = PacketCodec.fields(0x1C02, "NET_CHAT_CL_CHANNEL_INFO",
                Types.U32, ChannelInfo::channelId,
                Types.STR, ChannelInfo::name,
                Types.U16, ChannelInfo::memberCount,
                ChannelInfo::new);

        @Override
        public PacketCodec<ChannelInfo> codec() {
            return CODEC;
        }
    }

    /** End of a channel-list batch. */
    public record ChannelListSyn() implements ClientboundPacket {
        public static final ChannelListSyn INSTANCE = new ChannelListSyn();
        public static final PacketCodec<ChannelListSyn> CODEC = PacketCodec.empty(0x1C03, "NET_CHAT_CL_CHANNEL_LIST_SYN", INSTANCE);

        @Override
        public PacketCodec<ChannelListSyn> codec() {
            return CODEC;
        }
    }

    /** Start of a sub-list for a lower-cased prefix. */
    public record ChannelSublistStart(int sequence, String prefix) implements ClientboundPacket {
        public static final PacketCodec<ChannelSublistStart> CODEC = PacketCodec.fields(0x1C04, "NET_CHAT_CL_CHANNEL_SUBLIST_START",
                Types.U8, ChannelSublistStart::sequence,
                Types.STR, ChannelSublistStart::prefix,
                ChannelSublistStart::new);

        @Override
        public PacketCodec<ChannelSublistStart> codec() {
            return CODEC;
        }
    }

    /** One sub-list entry. */
    public record ChannelInfoSub(int sequence, long channelId, String name, int memberCount) implements ClientboundPacket {
        public static final PacketCodec<ChannelInfoSub> CODEC = PacketCodec.fields(0x1C05, "NET_CHAT_CL_CHANNEL_INFO_SUB",
                Types.U8, ChannelInfoSub::sequence,
                Types.U32, ChannelInfoSub::channelId,
                Types.STR, ChannelInfoSub::name,
                Types.U16, ChannelInfoSub::memberCount,
                ChannelInfoSub::new);

        @Override
        public PacketCodec<ChannelInfoSub> codec() {
            return CODEC;
        }
    }

    /** After a sub-list batch when more follow. */
    public record ChannelSublistSyn(int sequence) implements ClientboundPacket {
        public static final PacketCodec<ChannelSublistSyn> CODEC = PacketCodec.fields(0x1C06, "NET_CHAT_CL_CHANNEL_SUBLIST_SYN",
                Types.U8, ChannelSublistSyn::sequence,
                ChannelSublistSyn::new);

        @Override
        public PacketCodec<ChannelSublistSyn> codec() {
            return CODEC;
        }
    }

    /** After the last sub-list batch. */
    public record ChannelSublistEnd(int sequence) implements ClientboundPacket {
        public static final PacketCodec<ChannelSublistEnd> CODEC = PacketCodec.fields(0x1C07, "NET_CHAT_CL_CHANNEL_SUBLIST_END",
                Types.U8, ChannelSublistEnd::sequence,
                ChannelSublistEnd::new);

        @Override
        public PacketCodec<ChannelSublistEnd> codec() {
            return CODEC;
        }
    }

    /** Every command declared here, for the registry. */
    static final List<PacketCodec<?>> CODECS = List.of(
            ChannelInfo.CODEC,
            ChannelListSyn.CODEC,
            ChannelSublistStart.CODEC,
            ChannelInfoSub.CODEC,
            ChannelSublistSyn.CODEC,
            ChannelSublistEnd.CODEC);
}
