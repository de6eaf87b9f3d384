package org.honchat.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What matchmaking keeps in the shared store (docs/protocol.md §9.7): server and manager registrations, the match ids
 * handed out, and operators' matchmaking bans.
 */
public interface MatchmakingStore {

    /**
     * Registers (or re-registers) a login: it keeps the id it was given before (the login compared without case),
     * else gets the next id of its kind from 1; {@code cookie} replaces its previous cookie.
     */
    ServerRegistration register(ServerRegistration.Kind kind, String login, long hostAccountId, String cookie,
            String ip, int port, String name, String description, String location, Instant now);

    Optional<ServerRegistration> byCookie(String cookie);

    /** {@code set_online}: the heartbeat's client state and connection count. */
    void setOnline(String cookie, int clientState, int connections, Instant now);

    /** {@code start_game}: the next match id, at least {@code firstMatchId}, stored with its server and map. */
    long startGame(long serverId, String map, String name, long firstMatchId, Instant now);

    /** The end of the account's matchmaking ban, if one is set. */
    Optional<Instant> matchmakingBan(long accountId);

    /** Sets a ban until {@code until}, or lifts it ({@code null}). */
    void setMatchmakingBan(long accountId, Instant until);
}
