package org.honchat.server.domain.core;

import java.util.ArrayList;
import java.util.List;
import org.honchat.protocol.types.ChannelFlags;

/**
 * Cross-checks the chat state (domain tests and fuzzing): every online session is found by its id and name, every
 * membership is recorded on both sides, no cleaned-up session is left anywhere, no empty non-permanent channel is
 * kept. Run on the hub thread (or where the state is confined).
 */
public final class StateCheck {

    private StateCheck() {
    }

    /** The problems found; empty when the state is consistent. */
    public static List<String> inconsistencies(Directory directory) {
        List<String> problems = new ArrayList<>();
        for (ChatSession s : directory.sessions()) {
            if (s.closed) {
                problems.add(s + " is closed but online");
            }
            if (directory.sessionByNameKey(s.nameKey) != s || directory.session(s.accountId) != s) {
                problems.add(s + " is not found by its name or id");
            }
            for (Channel c : s.channels) {
                if (!c.isMember(s) || directory.channel(c.id) != c) {
                    problems.add(s + " thinks it is in " + c.name);
                }
            }
        }
        for (Channel c : directory.channelsFrom(0)) {
            for (ChatSession member : c.members.values()) {
                if (member.closed || directory.session(member.accountId) != member || !member.channels.contains(c)) {
                    problems.add(c.name + " lists " + member + " wrongly");
                }
            }
            if (c.members.isEmpty() && !c.has(ChannelFlags.PERMANENT)) {
                problems.add(c.name + " is empty but kept");
            }
        }
        return problems;
    }
}
