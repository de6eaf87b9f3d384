package org.honchat.server.login;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PHP serialization, the subset of docs/protocol.md §8.2: booleans, integers, strings (length in UTF-8 bytes, no
 * escaping) and ordered arrays. A key that is a decimal number without leading zeros is written as an integer key,
 * as PHP does. Values that must stay strings although they look numeric (§8.6 "PHP string") are plain
 * {@link String}s; integers are {@link Long} or {@link Integer}.
 */
public final class Php {

    private static final Pattern INTEGER_KEY = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private Php() {
    }

    /** An ordered PHP array builder. */
    public static final class Array {
        private final Map<Object, Object> entries = new LinkedHashMap<>();

        public Array put(Object key, Object value) {
            entries.put(key, value);
            return this;
        }

        public static Array list(List<?> values) {
            Array array = new Array();
            for (int i = 0; i < values.size(); i++) {
                array.put(i, values.get(i));
            }
            return array;
        }

        public int size() {
            return entries.size();
        }

        public String serialize() {
            return Php.serialize(this);
        }
    }

    public static String serialize(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Boolean flag) {
            out.append("b:").append(flag ? 1 : 0).append(';');
        } else if (value instanceof Integer || value instanceof Long) {
            out.append("i:").append(value).append(';');
        } else if (value instanceof Double number) {
            // PHP's serialize writes the shortest form that reads back the same: 0.05, and 1 for 1.0
            out.append("d:").append(number == Math.rint(number) && Math.abs(number) < 1e15
                    ? Long.toString(number.longValue()) : Double.toString(number)).append(';');
        } else if (value instanceof String text) {
            out.append("s:").append(text.getBytes(StandardCharsets.UTF_8).length).append(":\"").append(text).append("\";");
        } else if (value instanceof Array array) {
            out.append("a:").append(array.size()).append(":{");
            for (Map.Entry<Object, Object> entry : array.entries.entrySet()) {
                writeKey(out, entry.getKey());
                write(out, entry.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no PHP form for " + (value == null ? "null" : value.getClass()));
        }
    }

    private static void writeKey(StringBuilder out, Object key) {
        if (key instanceof Integer || key instanceof Long) {
            write(out, key);
        } else if (key instanceof String text && INTEGER_KEY.matcher(text).matches()) {
            out.append("i:").append(key).append(';');
        } else if (key instanceof String) {
            write(out, key);
        } else {
            throw new IllegalArgumentException("a PHP array key is an integer or a string: " + key);
        }
    }
}
