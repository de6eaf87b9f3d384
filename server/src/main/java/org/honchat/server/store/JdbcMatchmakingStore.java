package org.honchat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link MatchmakingStore} on JDBC. Registration and match-id allocation are serialised in this process (one login
 * service per store in this phase) and backed by unique keys, so two registrations can never share an id or cookie.
 */
final class JdbcMatchmakingStore implements MatchmakingStore {

    private static final String COLUMNS = "kind, id, login, host_account_id, cookie, ip, port, name, description, "
            + "location";

    /** One lock for every instance: the store hands out a new instance per caller. */
    private static final Object ALLOCATION = new Object();

    private final Jdbc jdbc;

    JdbcMatchmakingStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public ServerRegistration register(ServerRegistration.Kind kind, String login, long hostAccountId,
            String cookie, String ip, int port, String name, String description, String location, Instant now) {
        String key = login.toLowerCase(Locale.ROOT);
        synchronized (ALLOCATION) {
            return registerLocked(kind, key, login, hostAccountId, cookie, ip, port, name, description, location,
                    now);
        }
    }

    private ServerRegistration registerLocked(ServerRegistration.Kind kind, String key, String login,
            long hostAccountId, String cookie, String ip, int port, String name, String description, String location,
            Instant now) {
        return jdbc.transaction(c -> {
            long id;
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT id FROM server_registrations WHERE kind = ? AND login_key = ?")) {
                find.setInt(1, kind.code);
                find.setString(2, key);
                try (ResultSet row = find.executeQuery()) {
                    id = row.next() ? row.getLong(1) : -1;
                }
            }
            if (id < 0) {
                try (PreparedStatement next = c.prepareStatement(
                        "SELECT COALESCE(MAX(id), 0) + 1 FROM server_registrations WHERE kind = ?")) {
                    next.setInt(1, kind.code);
                    try (ResultSet row = next.executeQuery()) {
                        row.next();
                        id = row.getLong(1);
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO server_registrations (kind, id, "
                        + "login_key, login, host_account_id, cookie, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setInt(1, kind.code);
                    insert.setLong(2, id);
                    insert.setString(3, key);
                    insert.setString(4, login);
                    insert.setLong(5, hostAccountId);
                    insert.setString(6, cookie);
                    insert.setLong(7, now.toEpochMilli());
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE server_registrations SET login = ?, "
                    + "host_account_id = ?, cookie = ?, ip = ?, port = ?, name = ?, description = ?, location = ?, "
                    + "updated_at = ? WHERE kind = ? AND id = ?")) {
                update.setString(1, login);
                update.setLong(2, hostAccountId);
                update.setString(3, cookie);
                update.setString(4, ip);
                update.setInt(5, port);
                update.setString(6, name);
                update.setString(7, description);
                update.setString(8, location);
                update.setLong(9, now.toEpochMilli());
                update.setInt(10, kind.code);
                update.setLong(11, id);
                update.executeUpdate();
            }
            return new ServerRegistration(kind, id, login, hostAccountId, cookie, ip, port, name, description,
                    location);
        });
    }

    @Override
    public Optional<ServerRegistration> byCookie(String cookie) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM server_registrations WHERE cookie = ?",
                s -> s.setString(1, cookie),
                row -> new ServerRegistration(ServerRegistration.Kind.of(row.getInt(1)), row.getLong(2),
                        row.getString(3), row.getLong(4), row.getString(5), row.getString(6), row.getInt(7),
                        row.getString(8), row.getString(9), row.getString(10)));
    }

    @Override
    public void setOnline(String cookie, int clientState, int connections, Instant now) {
        jdbc.update("UPDATE server_registrations SET c_state = ?, num_conn = ?, updated_at = ? WHERE cookie = ?", s -> {
            s.setInt(1, clientState);
            s.setInt(2, connections);
            s.setLong(3, now.toEpochMilli());
            s.setString(4, cookie);
        });
    }

    @Override
    public long startGame(long serverId, String map, String name, long firstMatchId, Instant now) {
        synchronized (ALLOCATION) {
            return allocateMatchId(serverId, map, name, firstMatchId, now);
        }
    }

    private long allocateMatchId(long serverId, String map, String name, long firstMatchId, Instant now) {
        return jdbc.transaction(c -> {
            long id;
            try (PreparedStatement next = c.prepareStatement("SELECT COALESCE(MAX(match_id), 0) + 1 FROM matches")) {
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    id = Math.max(firstMatchId, row.getLong(1));
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO matches (match_id, server_id, map, name, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setLong(2, serverId);
                insert.setString(3, truncate(map, 64));
                insert.setString(4, truncate(name, 128));
                insert.setLong(5, now.toEpochMilli());
                insert.executeUpdate();
            }
            return id;
        });
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    @Override
    public Optional<Instant> matchmakingBan(long accountId) {
        return jdbc.queryOne("SELECT until_at FROM matchmaking_bans WHERE account_id = ?", s -> s.setLong(1, accountId),
                row -> Instant.ofEpochMilli(row.getLong(1)));
    }

    @Override
    public void setMatchmakingBan(long accountId, Instant until) {
        jdbc.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM matchmaking_bans WHERE account_id = ?")) {
                delete.setLong(1, accountId);
                delete.executeUpdate();
            }
            if (until != null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO matchmaking_bans (account_id, until_at) VALUES (?, ?)")) {
                    insert.setLong(1, accountId);
                    insert.setLong(2, until.toEpochMilli());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }
}
