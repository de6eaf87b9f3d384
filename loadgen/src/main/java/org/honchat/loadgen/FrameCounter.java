package org.honchat.loadgen;

import java.nio.ByteBuffer;

/**
 * Finds the frame boundaries in a byte stream that arrives in arbitrary pieces (docs/protocol.md §2: a u16 length that
 * counts the command and the body, then a u16 command) and reports each frame's command, without keeping the bytes.
 * A bulk reader of the load generator counts channel messages this way without parsing them.
 */
final class FrameCounter {

    /** What is done with each frame's command once its four header bytes have arrived. */
    interface Commands {
        void command(int command);
    }

    private final Commands commands;
    /** Header bytes seen of the current frame (0-3), packed little-endian in {@link #header}. */
    private int headerBytes;
    private int header;
    /** Body bytes of the current frame still to pass over. */
    private int skip;

    FrameCounter(Commands commands) {
        this.commands = commands;
    }

    /** Feeds the bytes from {@code from} (inclusive) to {@code to} (exclusive) of {@code bytes}. */
    void feed(ByteBuffer bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (skip > 0) {
                int n = Math.min(skip, to - i);
                skip -= n;
                i += n;
                continue;
            }
            header |= (bytes.get(i++) & 0xFF) << (8 * headerBytes);
            headerBytes++;
            if (headerBytes == 2 && header < 2) {
                skip = header; // a frame too short to hold a command: only its bytes
                headerBytes = 0;
                header = 0;
            } else if (headerBytes == 4) {
                skip = (header & 0xFFFF) - 2;
                commands.command(header >>> 16);
                headerBytes = 0;
                header = 0;
            }
        }
    }
}
