package org.honchat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.honchat.protocol.types.AdminLevel;

/** {@link ChannelStore} on JDBC. */
final class JdbcChannelStore implements ChannelStore {

    private final Jdbc jdbc;

    JdbcChannelStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<PermanentChannel> loadAll() {
        return jdbc.inConnection(c -> {
            Map<Long, Map<Long, AdminLevel>> admins = new HashMap<>();
            Map<Long, Set<String>> auth = new HashMap<>();
            Map<Long, Set<Long>> bans = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT channel_id, account_id, admin_level FROM channel_admins");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    admins.computeIfAbsent(rows.getLong(1), k -> new LinkedHashMap<>())
                            .put(rows.getLong(2), AdminLevel.values()[rows.getInt(3)]);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT channel_id, name_key FROM channel_auth");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    auth.computeIfAbsent(rows.getLong(1), k -> new HashSet<>()).add(rows.getString(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT channel_id, account_id FROM channel_bans");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    bans.computeIfAbsent(rows.getLong(1), k -> new HashSet<>()).add(rows.getLong(2));
                }
            }
            List<PermanentChannel> channels = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, flags, topic, password FROM channels ORDER BY id");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    channels.add(new PermanentChannel(id, rows.getString(2), rows.getInt(3), rows.getString(4),
                            rows.getString(5), admins.getOrDefault(id, Map.of()), auth.getOrDefault(id, Set.of()),
                            bans.getOrDefault(id, Set.of())));
                }
            }
            return channels;
        });
    }

    @Override
    public Optional<PermanentChannel> find(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        return loadAll().stream().filter(c -> c.name().toLowerCase(java.util.Locale.ROOT).equals(key)).findFirst();
    }

    @Override
    public PermanentChannel create(String name, int flags, String topic, String password, long reservedUpTo) {
        try {
            long id = jdbc.transaction(c -> {
                long next;
                try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM channels");
                     ResultSet rows = s.executeQuery()) {
                    rows.next();
                    next = Math.max(rows.getLong(1), reservedUpTo) + 1;
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO channels (id, name, name_key, flags, topic, password) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setLong(1, next);
                    s.setString(2, name);
                    s.setString(3, name.toLowerCase(java.util.Locale.ROOT));
                    s.setInt(4, flags);
                    s.setString(5, topic);
                    s.setString(6, password);
                    s.executeUpdate();
                }
                return next;
            });
            return new PermanentChannel(id, name, flags, topic, password, Map.of(), Set.of(), Set.of());
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql)) {
                throw DuplicateNameException.channel(name);
            }
            throw e;
        }
    }

    @Override
    public boolean delete(long channelId) {
        return jdbc.update("DELETE FROM channels WHERE id = ?", s -> s.setLong(1, channelId)) == 1;
    }

    @Override
    public void updateSettings(long channelId, int flags, String topic, String password) {
        jdbc.update("UPDATE channels SET flags = ?, topic = ?, password = ? WHERE id = ?", s -> {
            s.setInt(1, flags);
            s.setString(2, topic);
            s.setString(3, password);
            s.setLong(4, channelId);
        });
    }

    @Override
    public void setAdmin(long channelId, long accountId, AdminLevel level) {
        jdbc.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM channel_admins WHERE channel_id = ? AND account_id = ?")) {
                s.setLong(1, channelId);
                s.setLong(2, accountId);
                s.executeUpdate();
            }
            if (level != AdminLevel.NONE) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO channel_admins (channel_id, account_id, admin_level) VALUES (?, ?, ?)")) {
                    s.setLong(1, channelId);
                    s.setLong(2, accountId);
                    s.setInt(3, level.wire());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void setAuthorized(long channelId, String nameKey, boolean authorized) {
        jdbc.update("DELETE FROM channel_auth WHERE channel_id = ? AND name_key = ?", s -> {
            s.setLong(1, channelId);
            s.setString(2, nameKey);
        });
        if (authorized) {
            jdbc.update("INSERT INTO channel_auth (channel_id, name_key) VALUES (?, ?)", s -> {
                s.setLong(1, channelId);
                s.setString(2, nameKey);
            });
        }
    }

    @Override
    public void setBanned(long channelId, long accountId, boolean banned) {
        jdbc.update("DELETE FROM channel_bans WHERE channel_id = ? AND account_id = ?", s -> {
            s.setLong(1, channelId);
            s.setLong(2, accountId);
        });
        if (banned) {
            jdbc.update("INSERT INTO channel_bans (channel_id, account_id) VALUES (?, ?)", s -> {
                s.setLong(1, channelId);
                s.setLong(2, accountId);
            });
        }
    }
}
