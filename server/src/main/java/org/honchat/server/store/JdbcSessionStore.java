package org.honchat.server.store;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SessionStore} on JDBC. */
final class JdbcSessionStore implements SessionStore {

    private final Jdbc jdbc;

    JdbcSessionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void create(LoginSession session) {
        jdbc.update("INSERT INTO sessions (cookie, account_id, client_ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, session.cookie());
                    s.setLong(2, session.accountId());
                    s.setString(3, session.clientIp());
                    s.setLong(4, session.created().toEpochMilli());
                    s.setLong(5, session.expires().toEpochMilli());
                });
    }

    @Override
    public Optional<LoginSession> find(String cookie) {
        return jdbc.queryOne("SELECT cookie, account_id, client_ip, created_at, expires_at FROM sessions WHERE cookie = ?",
                s -> s.setString(1, cookie),
                row -> new LoginSession(row.getString(1), row.getLong(2), row.getString(3),
                        Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5))));
    }

    @Override
    public boolean delete(String cookie) {
        return jdbc.update("DELETE FROM sessions WHERE cookie = ?", s -> s.setString(1, cookie)) == 1;
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM sessions WHERE expires_at <= ?", s -> s.setLong(1, now.toEpochMilli()));
    }

    @Override
    public Optional<LoginSession> newestValid(long accountId, Instant now) {
        return jdbc.queryOne("SELECT cookie, account_id, client_ip, created_at, expires_at FROM sessions "
                        + "WHERE account_id = ? AND expires_at > ? ORDER BY created_at DESC",
                s -> {
                    s.setLong(1, accountId);
                    s.setLong(2, now.toEpochMilli());
                },
                row -> new LoginSession(row.getString(1), row.getLong(2), row.getString(3),
                        Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5))));
    }
}
