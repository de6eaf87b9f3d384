package org.honchat.server.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.serverbound.Serverbound;
import org.honchat.protocol.wire.PacketCodec;
import org.honchat.server.domain.core.ChatSession;

/**
 * Where every client-to-server command goes and what it needs, one row per command id of
 * {@link Serverbound#REGISTRY} (ARCHITECTURE.md "One command table"): who handles it, whether it is allowed before
 * login (§3.2), whether flood control counts it (§4.9), whether it is staff only, and the section of docs/protocol.md
 * that specifies it. The connection and the dispatcher check these flags here and nowhere else. Building the table
 * refuses a second row for an id and a registry command without a row.
 */
public final class CommandTable {

    /** Who handles a command. */
    public enum Route {
        /** The connection itself, on its I/O thread: the login handshake and keep-alive (§3.2, §3.9). */
        CONNECTION,
        /** A rule on the hub thread, through {@link Command#handler}. */
        HUB,
        /** Accepted and ignored in this phase (§1.3 rule 7, §6.2 "others"); never closes the connection. */
        IGNORED
    }

    /** A flag of a row. */
    public enum Flag {
        /** Valid before the session is accepted (§3.2). */
        BEFORE_LOGIN,
        /** Counts against flood control (§4.9; the "F" of §6.2). */
        FLOOD,
        /** Only staff sessions may use it; from others it is ignored. */
        STAFF,
        /** A chat message (channel, whisper, IM, clan, buddies): what the operator's "messages per second" counts. */
        MESSAGE
    }

    /** How a rule handles one command of one session. */
    @FunctionalInterface
    public interface Handler<P extends ServerboundPacket> {
        void handle(ChatSession session, P packet);
    }

    /** One row. {@code handler} is null unless the route is {@link Route#HUB}. */
    public record Command(int id, String name, Route route, Set<Flag> flags, String section,
            Handler<ServerboundPacket> handler) {

        public boolean beforeLogin() {
            return flags.contains(Flag.BEFORE_LOGIN);
        }

        public boolean flood() {
            return flags.contains(Flag.FLOOD);
        }

        public boolean staffOnly() {
            return flags.contains(Flag.STAFF);
        }

        public boolean message() {
            return flags.contains(Flag.MESSAGE);
        }
    }

    private final Command[] byId = new Command[0x10000];
    private final List<Command> rows;

    private CommandTable(List<Command> rows) {
        for (Command row : rows) {
            if (byId[row.id()] != null) {
                throw new IllegalStateException(String.format("command table: two rows for 0x%04X", row.id()));
            }
            byId[row.id()] = row;
        }
        for (PacketCodec<?> codec : Serverbound.REGISTRY.codecs()) {
            if (byId[codec.id()] == null) {
                throw new IllegalStateException("command table: no row for " + codec);
            }
        }
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /** The row of a command id the registry decodes. */
    public Command row(int id) {
        return byId[id];
    }

    /** Every row, in the order they were declared. */
    public List<Command> rows() {
        return rows;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Declares the rows; {@link #build} checks them against the registry. */
    static final class Builder {
        private final List<Command> rows = new ArrayList<>();

        @SuppressWarnings("unchecked")
        <P extends ServerboundPacket> Builder hub(PacketCodec<P> codec, String section, Handler<P> handler,
                Flag... flags) {
            rows.add(new Command(codec.id(), codec.name(), Route.HUB, flagSet(flags), section,
                    (Handler<ServerboundPacket>) handler));
            return this;
        }

        Builder connection(PacketCodec<?> codec, String section, Flag... flags) {
            rows.add(new Command(codec.id(), codec.name(), Route.CONNECTION, flagSet(flags), section, null));
            return this;
        }

        Builder ignored(PacketCodec<?> codec, String section) {
            rows.add(new Command(codec.id(), codec.name(), Route.IGNORED, Set.of(), section, null));
            return this;
        }

        private static Set<Flag> flagSet(Flag... flags) {
            return flags.length == 0 ? Set.of() : Collections.unmodifiableSet(java.util.EnumSet.of(flags[0], flags));
        }

        CommandTable build() {
            return new CommandTable(rows);
        }
    }
}
