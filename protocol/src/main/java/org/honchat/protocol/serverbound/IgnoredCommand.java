package org.honchat.protocol.serverbound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.wire.PacketCodec;

/**
 * A command the 4.10 client can send that this phase accepts and ignores (docs/protocol.md §6.2 "others", §1.3 rule
 * 7). Registered so such commands are known, not logged as unknown; the payload is not read.
 */
public record IgnoredCommand(int commandId) implements ServerboundPacket {

    /** §6.2 "others": ids the client can send that have no behaviour in this phase. */
    static final int[] IDS = idsOf(new int[] {0x0C08, 0xB5, 0xB7, 0xB8, 0xBA, 0xBE, 0x0E03, 0x0E06, 0x0E07, 0x0F08},
        0x0C10, 0x0C1F);

    private static final Map<Integer, PacketCodec<IgnoredCommand>> CODECS = new HashMap<>();

    static {
        for (int id : IDS) {
            IgnoredCommand instance = new IgnoredCommand(id);
            CODECS.put(id, PacketCodec.empty(id, String.format("IGNORED_0x%04X", id), instance));
        }
    }

    public IgnoredCommand {
        if (Arrays.binarySearch(IDS, commandId) < 0) {
            throw new IllegalArgumentException(String.format("0x%04X is not an ignored command", commandId));
        }
    }

    private static int[] idsOf(int[] single, int rangeFrom, int rangeTo) {
        List<Integer> ids = new ArrayList<>();
        for (int id : single) {
            ids.add(id);
        }
        for (int id = rangeFrom; id <= rangeTo; id++) {
            ids.add(id);
        }
        Collections.sort(ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One codec per ignored id, in ascending id. */
    public static List<PacketCodec<?>> codecs() {
        List<PacketCodec<?>> codecs = new ArrayList<>();
        for (int id : IDS) {
            codecs.add(CODECS.get(id));
        }
        return codecs;
    }

    @Override
    public PacketCodec<IgnoredCommand> codec() {
        return CODECS.get(commandId);
    }
}
