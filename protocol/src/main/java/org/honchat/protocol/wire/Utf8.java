package org.honchat.protocol.wire;

import io.netty.buffer.ByteBuf;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), allocation free. */
final class Utf8 {

    private Utf8() {
    }

    /** Returns -1 if {@code buf[from, to)} is well-formed UTF-8, otherwise the index of the first bad byte. */
    static int firstInvalid(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            int b0 = buf.getByte(i) & 0xFF;
            if (b0 < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= to) {
                return i; // the sequence runs past the end of the string
            }
            int cp = b0 & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int b = buf.getByte(i + k) & 0xFF;
                if ((b & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
