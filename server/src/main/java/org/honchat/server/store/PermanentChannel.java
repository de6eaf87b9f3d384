package org.honchat.server.store;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.honchat.protocol.types.AdminLevel;

/** A permanent channel as stored (docs/protocol.md §6.3 "Ids"). */
public record PermanentChannel(long id, String name, int flags, String topic, String password,
        Map<Long, AdminLevel> admins, Set<String> authList, Set<Long> bans) {

    public PermanentChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(password, "password");
        admins = Map.copyOf(admins);
        authList = Set.copyOf(authList);
        bans = Set.copyOf(bans);
    }
}
