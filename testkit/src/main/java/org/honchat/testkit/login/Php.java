package org.honchat.testkit.login;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads PHP-serialized values (docs/protocol.md §8.2) the way the bots do: booleans, integers, strings whose length
 * counts UTF-8 bytes, and arrays (ordered maps whose keys are {@code Long} or {@code String}). Strict: anything
 * else, or bytes after the value, is an {@link IllegalArgumentException}.
 */
public final class Php {

    private final byte[] in;
    private int pos;

    private Php(byte[] in) {
        this.in = in;
    }

    public static Object parse(String serialized) {
        Php parser = new Php(serialized.getBytes(StandardCharsets.UTF_8));
        Object value = parser.value();
        if (parser.pos != parser.in.length) {
            throw new IllegalArgumentException("bytes after the value at " + parser.pos);
        }
        return value;
    }

    /** Parses and casts to an array. */
    @SuppressWarnings("unchecked")
    public static Map<Object, Object> array(String serialized) {
        Object value = parse(serialized);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not an array: " + serialized);
        }
        return (Map<Object, Object>) value;
    }

    private Object value() {
        char type = (char) in[pos];
        expect(type);
        expect(':');
        switch (type) {
            case 'b': {
                long flag = number(';');
                if (flag != 0 && flag != 1) {
                    throw new IllegalArgumentException("bad boolean at " + pos);
                }
                return flag == 1;
            }
            case 'i':
                return number(';');
            case 'd': {
                int start = pos;
                while (pos < in.length && in[pos] != ';') {
                    pos++;
                }
                double value = Double.parseDouble(new String(in, start, pos - start, StandardCharsets.US_ASCII));
                expect(';');
                return value;
            }
            case 's': {
                int length = (int) number(':');
                expect('"');
                String text = new String(in, pos, length, StandardCharsets.UTF_8);
                pos += length;
                expect('"');
                expect(';');
                return text;
            }
            case 'a': {
                long count = number(':');
                expect('{');
                Map<Object, Object> map = new LinkedHashMap<>();
                for (long i = 0; i < count; i++) {
                    Object key = value();
                    if (!(key instanceof Long) && !(key instanceof String)) {
                        throw new IllegalArgumentException("bad array key at " + pos);
                    }
                    map.put(key, value());
                }
                expect('}');
                return map;
            }
            default:
                throw new IllegalArgumentException("unknown type '" + type + "' at " + (pos - 2));
        }
    }

    private long number(char end) {
        int start = pos;
        while (pos < in.length && in[pos] != end) {
            pos++;
        }
        long value = Long.parseLong(new String(in, start, pos - start, StandardCharsets.US_ASCII));
        expect(end);
        return value;
    }

    private void expect(char c) {
        if (pos >= in.length || in[pos] != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos);
        }
        pos++;
    }
}
