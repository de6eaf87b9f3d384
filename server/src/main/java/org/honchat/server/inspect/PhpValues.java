package org.honchat.server.inspect;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PHP's {@code serialize} format as the login service speaks it (docs/protocol.md §8.2), both ways: arrays become
 * ordered maps (integer keys as {@code Long}), strings, integers, booleans, floats and null; the writer gives back
 * the same bytes for what it read. For showing and rewriting replies, so string lengths are UTF-8 byte counts.
 */
final class PhpValues {

    private final byte[] in;
    private int at;

    private PhpValues(byte[] in) {
        this.in = in;
    }

    /** The value {@code text} holds; {@link IllegalArgumentException} when it is not (all of) one. */
    static Object parse(String text) {
        PhpValues reader = new PhpValues(text.getBytes(StandardCharsets.UTF_8));
        Object value = reader.value();
        if (reader.at != reader.in.length) {
            throw new IllegalArgumentException("bytes after the value at " + reader.at);
        }
        return value;
    }

    private Object value() {
        char type = (char) in[at];
        if (type == 'N') {
            expect("N;");
            return null;
        }
        at += 2; // "x:"
        switch (type) {
            case 'b':
                return Long.parseLong(until(';')) != 0;
            case 'i':
                return Long.parseLong(until(';'));
            case 'd':
                return Double.parseDouble(until(';'));
            case 's': {
                int length = Integer.parseInt(until(':'));
                expect("\"");
                String s = new String(in, at, length, StandardCharsets.UTF_8);
                at += length;
                expect("\";");
                return s;
            }
            case 'a': {
                int count = Integer.parseInt(until(':'));
                expect("{");
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    Object key = value();
                    map.put(key, value());
                }
                expect("}");
                return map;
            }
            default:
                throw new IllegalArgumentException("unknown type '" + type + "' at " + (at - 2));
        }
    }

    private String until(char end) {
        int start = at;
        while (at < in.length && in[at] != end) {
            at++;
        }
        if (at >= in.length) {
            throw new IllegalArgumentException("no '" + end + "' after " + start);
        }
        return new String(in, start, at++ - start, StandardCharsets.US_ASCII);
    }

    private void expect(String text) {
        for (char c : text.toCharArray()) {
            if (at >= in.length || in[at++] != c) {
                throw new IllegalArgumentException("expected '" + text + "' at " + (at - 1));
            }
        }
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("N;");
        } else if (value instanceof Boolean b) {
            out.append("b:").append(b ? 1 : 0).append(';');
        } else if (value instanceof Long || value instanceof Integer) {
            out.append("i:").append(value).append(';');
        } else if (value instanceof Double d) {
            out.append("d:").append(d).append(';');
        } else if (value instanceof String s) {
            out.append("s:").append(s.getBytes(StandardCharsets.UTF_8).length).append(":\"").append(s).append("\";");
        } else if (value instanceof Map<?, ?> map) {
            out.append("a:").append(map.size()).append(":{");
            map.forEach((k, v) -> {
                write(out, k);
                write(out, v);
            });
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a PHP value: " + value.getClass());
        }
    }
}
