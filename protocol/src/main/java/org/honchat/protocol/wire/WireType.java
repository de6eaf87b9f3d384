package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import org.honchat.protocol.ProtocolDecodeException;

/**
 * How one value travels on the wire, declared once and used for both reading and writing.
 *
 * @param <T> the Java value
 */
public interface WireType<T> {

    T read(PayloadReader in) throws ProtocolDecodeException;

    void write(ByteBuf out, T value);

    /** The fewest bytes one value can take; used to bound counts before allocating (§1.3). */
    int minSize();

    /** How the value is written, for the protocol reference: {@code u32}, {@code str}, {@code MemberRecord}, ... */
    String describe();
}
