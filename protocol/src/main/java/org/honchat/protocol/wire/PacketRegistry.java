package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.honchat.protocol.Packet;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ProtocolDecodeException.Kind;

/**
 * The commands of one direction, looked up by id in O(1). Built once at start-up; a second codec for the same id
 * is refused then, so two records can never claim one id.
 *
 * @param <P> the direction's packet type
 */
public final class PacketRegistry<P extends Packet> {

    private final String direction;
    private final Class<P> type;
    private final PacketCodec<?>[] byId = new PacketCodec<?>[0x10000];
    private final List<PacketCodec<?>> codecs;

    private PacketRegistry(String direction, Class<P> type, List<PacketCodec<?>> codecs) {
        this.direction = direction;
        this.type = type;
        for (PacketCodec<?> codec : codecs) {
            PacketCodec<?> previous = byId[codec.id()];
            if (previous != null) {
                throw new IllegalStateException(direction + " registry: " + codec + " has the same id as " + previous);
            }
            byId[codec.id()] = codec;
        }
        this.codecs = Collections.unmodifiableList(new ArrayList<>(codecs));
    }

    /** Builds a registry, refusing duplicate ids. */
    public static <P extends Packet> PacketRegistry<P> of(String direction, Class<P> type,
            List<PacketCodec<?>> codecs) {
        return new PacketRegistry<>(direction, type, codecs);
    }

    public String direction() {
        return direction;
    }

    /** The codec for an id, or {@code null} if the id is unknown in this direction. */
    public PacketCodec<?> codec(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /** Every codec, in registration order. */
    public List<PacketCodec<?>> codecs() {
        return codecs;
    }

    /**
     * Decodes the command at the reader's position: a {@code u16} id, then its fields. Leaves the reader after the
     * fields, so the caller sees what is left over.
     */
    public P readCommand(PayloadReader in, ByteBuf body) throws ProtocolDecodeException {
        if (body.readableBytes() < 2) {
            throw new ProtocolDecodeException(Kind.TRUNCATED, -1, "", in.offset(), "no room for a command id");
        }
        int id = body.readUnsignedShortLE();
        PacketCodec<?> codec = codec(id);
        if (codec == null) {
            throw new ProtocolDecodeException(Kind.UNKNOWN_COMMAND, id, "unknown", 0,
                    "no " + direction + " command has this id");
        }
        return type.cast(codec.read(in));
    }

    /**
     * Decodes one frame body ({@code u16 id} and payload) holding one command, as the server reads (§1.3 rule 2):
     * with a lenient context, bytes after the fields are counted in the result and never parsed; with a strict one
     * they are an error.
     */
    public Decoded<P> decode(ByteBuf body, DecodeContext context) throws ProtocolDecodeException {
        PayloadReader in = new PayloadReader(body, context, -1, "");
        P packet = readCommand(in, body);
        int trailing = body.readableBytes();
        if (trailing > 0 && context.strict()) {
            throw in.error(Kind.TRAILING_BYTES, trailing + " bytes after the last field");
        }
        body.skipBytes(trailing);
        return new Decoded<>(packet, trailing);
    }

    /**
     * A decoded command and the number of bytes that followed its fields (always 0 in strict mode).
     */
    public record Decoded<P>(P packet, int trailingBytes) {
    }
}
