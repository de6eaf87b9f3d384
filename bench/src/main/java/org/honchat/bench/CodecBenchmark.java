package org.honchat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.ChannelPackets.ChannelMessage;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.serverbound.ChannelRequests.SendChannelMessage;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.struct.AdminEntry;
import org.honchat.protocol.struct.MemberRecord;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.protocol.types.ChatStatus;
import org.honchat.protocol.types.ClientFlags;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding the commands that dominate a busy server: a channel message in both directions, and the
 * {@code 0x04} a joiner receives for a full channel of 250 members (docs/protocol.md §6.1). Run with {@code -prof gc}
 * for bytes allocated per operation; figures are in docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    private ChannelMessage channelMessage;
    private SendChannelMessage sendChannelMessage;
    private ChangedChannel fullChannel;
    private ByteBuf channelMessageBody;
    private ByteBuf sendChannelMessageBody;
    private ByteBuf fullChannelBody;

    @Setup
    public void setUp() {
        String text = "gg wp, anyone up for another midwars? need one more for the stack";
        channelMessage = new ChannelMessage(1000, 7, text);
        sendChannelMessage = new SendChannelMessage(text, 7);
        List<MemberRecord> members = new ArrayList<>();
        List<AdminEntry> admins = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String name = i % 3 == 0 ? "[KON]Player" + i : "Player" + i;
            members.add(new MemberRecord(name, 100_000 + i, ChatStatus.CONNECTED,
                    ClientFlags.of(i % 10 == 0 ? ClientFlags.PREMIUM : 0), "", "white", "Default Icon", i % 50));
            if (i < 3) {
                admins.add(new AdminEntry(100_000 + i, AdminLevel.OFFICER));
            }
        }
        fullChannel = new ChangedChannel("Heroes of Newerth Fans", 42, ChannelFlags.NONE, "Welcome!", admins, members);
        channelMessageBody = body(channelMessage);
        sendChannelMessageBody = body(sendChannelMessage);
        fullChannelBody = body(fullChannel);
    }

    @TearDown
    public void tearDown() {
        channelMessageBody.release();
        sendChannelMessageBody.release();
        fullChannelBody.release();
    }

    /** The 0x03 the server sends to each member, encoded into a pooled buffer. */
    @Benchmark
    public int encodeChannelMessage() {
        ByteBuf frame = FrameEncoder.encode(allocator, channelMessage);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** The 0x03 a client sends, as the server decodes it. */
    @Benchmark
    public ServerboundPacket decodeChannelMessage() throws ProtocolDecodeException {
        return Serverbound.REGISTRY.decode(sendChannelMessageBody.duplicate(), DecodeContext.SERVER).packet();
    }

    /** The 0x03 as a strict client decodes it. */
    @Benchmark
    public List<ClientboundPacket> decodeChannelMessageStrict() throws ProtocolDecodeException {
        return Clientbound.decodeFrame(channelMessageBody.duplicate(), DecodeContext.STRICT);
    }

    /** 0x04 with 250 members, as sent to a joiner. */
    @Benchmark
    public int encodeFullChannel() {
        ByteBuf frame = FrameEncoder.encode(allocator, fullChannel);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** 0x04 with 250 members, as the test client and load generator read it. */
    @Benchmark
    public List<ClientboundPacket> decodeFullChannel() throws ProtocolDecodeException {
        return Clientbound.decodeFrame(fullChannelBody.duplicate(), DecodeContext.STRICT);
    }

    private ByteBuf body(org.honchat.protocol.Packet packet) {
        ByteBuf frame = FrameEncoder.encode(allocator, packet);
        return frame.skipBytes(2);
    }
}
