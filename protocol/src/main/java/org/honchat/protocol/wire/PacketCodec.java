package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;
import org.honchat.protocol.Packet;
import org.honchat.protocol.ProtocolDecodeException;

/**
 * The one declaration of a command: its id, its S2 name, and how its payload is read and written. Most commands
 * are a fixed sequence of fields and use a {@code fields(...)} template; the few with conditional layouts give a
 * reader and a writer by hand ({@link #custom}).
 *
 * @param <T> the command's record
 */
public final class PacketCodec<T extends Packet> {

    private final int id;
    private final String name;
    /** The field types in order, for fixed layouts; empty for {@link #custom} ones, which describe themselves. */
    private final List<WireType<?>> fields;
    private final String layout;
    private final Types.Reader<T> reader;
    private final Types.Writer<T> writer;

    private PacketCodec(int id, String name, List<WireType<?>> fields, String layout, Types.Reader<T> reader,
            Types.Writer<T> writer) {
        if ((id & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("command id is not a u16: " + id);
        }
        this.id = id;
        this.name = name;
        this.fields = fields;
        this.layout = layout;
        this.reader = reader;
        this.writer = writer;
    }

    public int id() {
        return id;
    }

    /** S2's constant name (§6). */
    public String name() {
        return name;
    }

    /** The wire types of the fields in order (fixed layouts); empty for a payload-less or conditional layout. */
    public List<WireType<?>> fields() {
        return fields;
    }

    /**
     * How a conditional layout is written, in words (for the protocol reference); {@code null} for fixed layouts,
     * which are described by {@link #fields()}.
     */
    public String layout() {
        return layout;
    }

    /** Reads the payload; the reader is positioned after the command id. */
    public T read(PayloadReader in) throws ProtocolDecodeException {
        in.command(id, name);
        return reader.read(in);
    }

    /** Writes a packet whose codec is this one; callers holding only {@code Packet} use this. */
    @SuppressWarnings("unchecked")
    public void writePayloadOf(ByteBuf out, Packet packet) {
        writer.write(out, (T) packet);
    }

    @Override
    public String toString() {
        return String.format("0x%04X %s", id, name);
    }

    /** A conditional layout with a hand-written reader and writer; {@code layout} says in words how it goes. */
    public static <T extends Packet> PacketCodec<T> custom(int id, String name, String layout, Types.Reader<T> reader,
            Types.Writer<T> writer) {
        return new PacketCodec<>(id, name, List.of(), layout, reader, writer);
    }

    /** A command without payload; decoding yields {@code instance}. */
    public static <T extends Packet> PacketCodec<T> empty(int id, String name, T instance) {
        return new PacketCodec<>(id, name, List.of(), null, in -> instance, (out, packet) -> { });
    }

    public static <T extends Packet, A> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            F1<A, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA), null,
                in -> {
                    A a = tA.read(in);
                    return constructor.apply(a);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                });
    }

    public static <T extends Packet, A, B> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            F2<A, B, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    return constructor.apply(a, b);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            F3<A, B, C, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    return constructor.apply(a, b, c);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            F4<A, B, C, D, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    return constructor.apply(a, b, c, d);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            F5<A, B, C, D, E, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    return constructor.apply(a, b, c, d, e);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E, F> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            WireType<F> tF, Function<T, F> gF,
            F6<A, B, C, D, E, F, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE, tF), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    F f = tF.read(in);
                    return constructor.apply(a, b, c, d, e, f);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                    tF.write(out, gF.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E, F, G> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            WireType<F> tF, Function<T, F> gF,
            WireType<G> tG, Function<T, G> gG,
            F7<A, B, C, D, E, F, G, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE, tF, tG), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    F f = tF.read(in);
                    G g = tG.read(in);
                    return constructor.apply(a, b, c, d, e, f, g);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                    tF.write(out, gF.apply(packet));
                    tG.write(out, gG.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E, F, G, H> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            WireType<F> tF, Function<T, F> gF,
            WireType<G> tG, Function<T, G> gG,
            WireType<H> tH, Function<T, H> gH,
            F8<A, B, C, D, E, F, G, H, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE, tF, tG, tH), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    F f = tF.read(in);
                    G g = tG.read(in);
                    H h = tH.read(in);
                    return constructor.apply(a, b, c, d, e, f, g, h);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                    tF.write(out, gF.apply(packet));
                    tG.write(out, gG.apply(packet));
                    tH.write(out, gH.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E, F, G, H, I> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            WireType<F> tF, Function<T, F> gF,
            WireType<G> tG, Function<T, G> gG,
            WireType<H> tH, Function<T, H> gH,
            WireType<I> tI, Function<T, I> gI,
            F9<A, B, C, D, E, F, G, H, I, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE, tF, tG, tH, tI), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    F f = tF.read(in);
                    G g = tG.read(in);
                    H h = tH.read(in);
                    I i = tI.read(in);
                    return constructor.apply(a, b, c, d, e, f, g, h, i);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                    tF.write(out, gF.apply(packet));
                    tG.write(out, gG.apply(packet));
                    tH.write(out, gH.apply(packet));
                    tI.write(out, gI.apply(packet));
                });
    }

    public static <T extends Packet, A, B, C, D, E, F, G, H, I, J> PacketCodec<T> fields(int id, String name,
            WireType<A> tA, Function<T, A> gA,
            WireType<B> tB, Function<T, B> gB,
            WireType<C> tC, Function<T, C> gC,
            WireType<D> tD, Function<T, D> gD,
            WireType<E> tE, Function<T, E> gE,
            WireType<F> tF, Function<T, F> gF,
            WireType<G> tG, Function<T, G> gG,
            WireType<H> tH, Function<T, H> gH,
            WireType<I> tI, Function<T, I> gI,
            WireType<J> tJ, Function<T, J> gJ,
            F10<A, B, C, D, E, F, G, H, I, J, T> constructor) {
        return new PacketCodec<>(id, name, List.of(tA, tB, tC, tD, tE, tF, tG, tH, tI, tJ), null,
                in -> {
                    A a = tA.read(in);
                    B b = tB.read(in);
                    C c = tC.read(in);
                    D d = tD.read(in);
                    E e = tE.read(in);
                    F f = tF.read(in);
                    G g = tG.read(in);
                    H h = tH.read(in);
                    I i = tI.read(in);
                    J j = tJ.read(in);
                    return constructor.apply(a, b, c, d, e, f, g, h, i, j);
                },
                (out, packet) -> {
                    tA.write(out, gA.apply(packet));
                    tB.write(out, gB.apply(packet));
                    tC.write(out, gC.apply(packet));
                    tD.write(out, gD.apply(packet));
                    tE.write(out, gE.apply(packet));
                    tF.write(out, gF.apply(packet));
                    tG.write(out, gG.apply(packet));
                    tH.write(out, gH.apply(packet));
                    tI.write(out, gI.apply(packet));
                    tJ.write(out, gJ.apply(packet));
                });
    }

    @FunctionalInterface
    public interface F1<A, R> {
        R apply(A a);
    }

    @FunctionalInterface
    public interface F2<A, B, R> {
        R apply(A a, B b);
    }

    @FunctionalInterface
    public interface F3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    @FunctionalInterface
    public interface F4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    @FunctionalInterface
    public interface F5<A, B, C, D, E, R> {
        R apply(A a, B b, C c, D d, E e);
    }

    @FunctionalInterface
    public interface F6<A, B, C, D, E, F, R> {
        R apply(A a, B b, C c, D d, E e, F f);
    }

    @FunctionalInterface
    public interface F7<A, B, C, D, E, F, G, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g);
    }

    @FunctionalInterface
    public interface F8<A, B, C, D, E, F, G, H, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h);
    }

    @FunctionalInterface
    public interface F9<A, B, C, D, E, F, G, H, I, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i);
    }

    @FunctionalInterface
    public interface F10<A, B, C, D, E, F, G, H, I, J, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j);
    }
}
