package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ProtocolDecodeException.Kind;

/** The primitive wire types of docs/protocol.md §1.2 and the combinators built on them. */
public final class Types {

    private Types() {
    }

    /** Value of a {@code u32} that means "none/invalid" (§1.2). */
    public static final long U32_NONE = 0xFFFF_FFFFL;

    public static final WireType<Integer> U8 = new WireType<>() {
        @Override
        public Integer read(PayloadReader in) throws ProtocolDecodeException {
            return in.u8();
        }

        @Override
        public void write(ByteBuf out, Integer value) {
            writeU8(out, value);
        }

        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public String describe() {
            return "u8";
        }
    };

    public static final WireType<Integer> U16 = new WireType<>() {
        @Override
        public Integer read(PayloadReader in) throws ProtocolDecodeException {
            return in.u16();
        }

        @Override
        public void write(ByteBuf out, Integer value) {
            writeU16(out, value);
        }

        @Override
        public int minSize() {
            return 2;
        }

        @Override
        public String describe() {
            return "u16";
        }
    };

    public static final WireType<Long> U32 = new WireType<>() {
        @Override
        public Long read(PayloadReader in) throws ProtocolDecodeException {
            return in.u32();
        }

        @Override
        public void write(ByteBuf out, Long value) {
            writeU32(out, value);
        }

        @Override
        public int minSize() {
            return 4;
        }

        @Override
        public String describe() {
            return "u32";
        }
    };

    public static final WireType<Boolean> BOOL = new WireType<>() {
        @Override
        public Boolean read(PayloadReader in) throws ProtocolDecodeException {
            return in.bool();
        }

        @Override
        public void write(ByteBuf out, Boolean value) {
            out.writeByte(value ? 1 : 0);
        }

        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public String describe() {
            return "bool";
        }
    };

    public static final WireType<String> STR = new WireType<>() {
        @Override
        public String read(PayloadReader in) throws ProtocolDecodeException {
            return in.str();
        }

        @Override
        public void write(ByteBuf out, String value) {
            writeStr(out, value);
        }

        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public String describe() {
            return "str";
        }
    };

    public static void writeU8(ByteBuf out, int value) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        out.writeByte(value);
    }

    public static void writeU16(ByteBuf out, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        out.writeShortLE(value);
    }

    public static void writeU32(ByteBuf out, long value) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        out.writeIntLE((int) value);
    }

    /** §1.2 / §1.4 rule 5: UTF-8 bytes and a terminator; a NUL inside the text would end the string early. */
    public static void writeStr(ByteBuf out, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string contains a NUL character: " + value.replace('\0', '?'));
        }
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte(0);
    }

    /** Checks a u32 field in a record constructor, so an impossible value fails where it is made. */
    public static long checkU32(long value, String field) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException(field + " is not a u32: " + value);
        }
        return value;
    }

    /** Checks a u8 field in a record constructor. */
    public static int checkU8(int value, String field) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(field + " is not a u8: " + value);
        }
        return value;
    }

    /** Checks a u16 field in a record constructor. */
    public static int checkU16(int value, String field) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(field + " is not a u16: " + value);
        }
        return value;
    }

    /** A one-byte enumeration; a byte that names no constant is {@link Kind#BAD_ENUM}. */
    public static <E extends Enum<E> & WireEnum> WireType<E> enumU8(Class<E> type) {
        Object[] byWire = new Object[256];
        for (E constant : type.getEnumConstants()) {
            if (byWire[constant.wire()] != null) {
                throw new IllegalStateException(type.getSimpleName() + " has two constants for " + constant.wire());
            }
            byWire[constant.wire()] = constant;
        }
        String name = type.getSimpleName();
        return new WireType<>() {
            @Override
            public E read(PayloadReader in) throws ProtocolDecodeException {
                int offset = in.offset();
                int raw = in.u8();
                @SuppressWarnings("unchecked")
                E value = (E) byWire[raw];
                if (value == null) {
                    throw in.errorAt(Kind.BAD_ENUM, offset, raw + " is not a " + name);
                }
                return value;
            }

            @Override
            public void write(ByteBuf out, E value) {
                out.writeByte(value.wire());
            }

            @Override
            public int minSize() {
                return 1;
            }

            @Override
            public String describe() {
                return "u8 " + name;
            }
        };
    }

    /** {@code u32 N, N × element}, the list form of §1.2. The count is bounded by the bytes left. */
    public static <E> WireType<List<E>> list(WireType<E> element) {
        return new WireType<>() {
            @Override
            public List<E> read(PayloadReader in) throws ProtocolDecodeException {
                int n = in.count(in.u32(), element.minSize());
                List<E> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(element.read(in));
                }
                return Collections.unmodifiableList(values);
            }

            @Override
            public void write(ByteBuf out, List<E> values) {
                out.writeIntLE(values.size());
                for (E value : values) {
                    element.write(out, value);
                }
            }

            @Override
            public int minSize() {
                return 4;
            }

            @Override
            public String describe() {
                return "u32 N, N × " + element.describe();
            }
        };
    }

    /** A trailing field that may be absent (§6.2 "opt"): absent reads as {@code absent}; it is always written. */
    public static <T> WireType<T> optional(WireType<T> type, T absent) {
        return new WireType<>() {
            @Override
            public T read(PayloadReader in) throws ProtocolDecodeException {
                return in.hasRemaining() ? type.read(in) : absent;
            }

            @Override
            public void write(ByteBuf out, T value) {
                type.write(out, value);
            }

            @Override
            public int minSize() {
                return 0;
            }

            @Override
            public String describe() {
                return type.describe() + " (optional)";
            }
        };
    }

    /** A sub-structure with hand-written read and write, e.g. §5 records; {@code name} is how docs show it. */
    public static <T> WireType<T> of(String name, int minSize, Reader<T> reader, Writer<T> writer) {
        return new WireType<>() {
            @Override
            public T read(PayloadReader in) throws ProtocolDecodeException {
                return reader.read(in);
            }

            @Override
            public void write(ByteBuf out, T value) {
                writer.write(out, value);
            }

            @Override
            public int minSize() {
                return minSize;
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(PayloadReader in) throws ProtocolDecodeException;
    }

    @FunctionalInterface
    public interface Writer<T> {
        void write(ByteBuf out, T value);
    }
}
