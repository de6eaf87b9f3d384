package org.honchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.clientbound.NewClanMember;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encode, then decode strictly, must give back an equal record, for every command in both directions. */
class RoundTripTest {

    static Stream<Arguments> clientbound() {
        return samples(ClientboundPacket.class, "org.honchat.protocol.clientbound");
    }

    static Stream<Arguments> serverbound() {
        return samples(ServerboundPacket.class, "org.honchat.protocol.serverbound");
    }

    private static Stream<Arguments> samples(Class<?> type, String pkg) {
        List<Arguments> all = new ArrayList<>();
        for (Class<?> record : Samples.recordsImplementing(type, pkg)) {
            for (Packet packet : Samples.samplesOf(record)) {
                all.add(Arguments.of(String.format("0x%04X %s", packet.id(), record.getSimpleName()), packet));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientbound")
    void clientboundRoundTrip(String name, ClientboundPacket packet) throws Exception {
        ByteBuf body = encodeBody(packet);
        try {
            long self = -1;
            if (packet instanceof NewClanMember) {
                // the long form is read only by the member it is about (§6.1)
                NewClanMember member = (NewClanMember) packet;
                self = member.isSelfForm() ? member.accountId() : member.accountId() + 1;
            }
            List<ClientboundPacket> decoded = Clientbound.decodeFrame(body, DecodeContext.strictClient(self));
            assertThat(decoded).containsExactly(packet);
        } finally {
            body.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverbound")
    void serverboundRoundTrip(String name, ServerboundPacket packet) throws Exception {
        ByteBuf body = encodeBody(packet);
        try {
            var decoded = Serverbound.REGISTRY.decode(body, DecodeContext.STRICT);
            assertThat(decoded.packet()).isEqualTo(packet);
            assertThat(decoded.trailingBytes()).isZero();
        } finally {
            body.release();
        }
    }

    @Test
    void everyRegisteredClientboundCommandHasARecordWithSamples() {
        assertThat(idsOf(clientbound())).isEqualTo(registeredIds(Clientbound.REGISTRY.codecs()));
    }

    @Test
    void everyRegisteredServerboundCommandHasARecordWithSamples() {
        Set<Integer> sampled = idsOf(serverbound());
        Set<Integer> registered = registeredIds(Serverbound.REGISTRY.codecs());
        // IgnoredCommand stands for many ids; three of them are sampled
        registered.removeIf(id -> !sampled.contains(id)
                && Serverbound.REGISTRY.codec(id).name().startsWith("IGNORED_"));
        assertThat(sampled).isEqualTo(registered);
    }

    /** Encodes a frame, then cuts it back out with the frame decoder, as the receiving side would. */
    static ByteBuf encodeBody(Packet packet) throws ProtocolDecodeException {
        ByteBuf frame = Unpooled.buffer();
        try {
            FrameEncoder.write(frame, packet);
            ByteBuf body = new FrameDecoder(FrameDecoder.MAX_LENGTH).readFrame(frame);
            assertThat(frame.isReadable()).isFalse();
            return body;
        } finally {
            frame.release();
        }
    }

    private static Set<Integer> idsOf(Stream<Arguments> samples) {
        Set<Integer> ids = new TreeSet<>();
        samples.forEach(a -> ids.add(((Packet) a.get()[1]).id()));
        return ids;
    }

    private static Set<Integer> registeredIds(List<PacketCodec<?>> codecs) {
        Set<Integer> ids = new TreeSet<>();
        codecs.forEach(c -> ids.add(c.id()));
        return ids;
    }
}
