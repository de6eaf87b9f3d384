package org.honchat.server.store;

import java.util.List;
import java.util.Optional;
import org.honchat.protocol.types.AdminLevel;

/** Permanent channels. Blocking, like {@link AccountStore}. */
public interface ChannelStore {

    /** Every permanent channel with its admins, auth list and bans, by id. */
    List<PermanentChannel> loadAll();

    Optional<PermanentChannel> find(String name);

    /**
     * Creates a permanent channel with the next id above every stored one and above {@code reservedUpTo} (ids the
     * server gives without storing, such as the general channel's 1). Throws {@link DuplicateNameException} when the
     * name is taken.
     */
    PermanentChannel create(String name, int flags, String topic, String password, long reservedUpTo);

    boolean delete(long channelId);

    void updateSettings(long channelId, int flags, String topic, String password);

    /** Sets an explicit admin level; NONE removes the entry. */
    void setAdmin(long channelId, long accountId, AdminLevel level);

    void setAuthorized(long channelId, String nameKey, boolean authorized);

    void setBanned(long channelId, long accountId, boolean banned);
}
