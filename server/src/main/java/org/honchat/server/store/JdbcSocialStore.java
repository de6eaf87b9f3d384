package org.honchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.honchat.protocol.types.ClanRank;

/** {@link SocialStore} on JDBC. */
final class JdbcSocialStore implements SocialStore {

    private static final String CLAN = "SELECT id, name, tag FROM clans ";

    private final Jdbc jdbc;

    JdbcSocialStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Set<Long> buddies(long accountId) {
        return new HashSet<>(jdbc.query("SELECT buddy_id FROM buddies WHERE account_id = ?",
                s -> s.setLong(1, accountId), row -> row.getLong(1)));
    }

    @Override
    public List<Social.BuddyRequest> requestsTo(long targetId) {
        return jdbc.query("SELECT notification_id, requester_id, target_id FROM buddy_requests WHERE target_id = ? "
                + "ORDER BY notification_id", s -> s.setLong(1, targetId), JdbcSocialStore::request);
    }

    @Override
    public Optional<Social.BuddyRequest> request(long requesterId, long targetId) {
        return jdbc.queryOne("SELECT notification_id, requester_id, target_id FROM buddy_requests "
                + "WHERE requester_id = ? AND target_id = ?", s -> {
                    s.setLong(1, requesterId);
                    s.setLong(2, targetId);
                }, JdbcSocialStore::request);
    }

    @Override
    public Social.BuddyRequest addRequest(long requesterId, long targetId, Instant now) {
        return jdbc.transaction(c -> {
            long id = nextNotificationId(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO buddy_requests "
                    + "(notification_id, requester_id, target_id, created_at) VALUES (?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, requesterId);
                s.setLong(3, targetId);
                s.setLong(4, now.toEpochMilli());
                s.executeUpdate();
            }
            return new Social.BuddyRequest(id, requesterId, targetId);
        });
    }

    @Override
    public Optional<Long> approve(long requesterId, long approverId, Instant now) {
        return jdbc.transaction(c -> {
            Long notification = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT notification_id FROM buddy_requests WHERE requester_id = ? AND target_id = ?")) {
                s.setLong(1, requesterId);
                s.setLong(2, approverId);
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        notification = rows.getLong(1);
                    }
                }
            }
            if (notification == null) {
                return Optional.<Long>empty();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM buddy_requests WHERE "
                    + "(requester_id = ? AND target_id = ?) OR (requester_id = ? AND target_id = ?)")) {
                s.setLong(1, requesterId);
                s.setLong(2, approverId);
                s.setLong(3, approverId);
                s.setLong(4, requesterId);
                s.executeUpdate();
            }
            for (long[] pair : new long[][] {{requesterId, approverId}, {approverId, requesterId}}) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO buddies (account_id, buddy_id, created_at) VALUES (?, ?, ?)")) {
                    s.setLong(1, pair[0]);
                    s.setLong(2, pair[1]);
                    s.setLong(3, now.toEpochMilli());
                    s.executeUpdate();
                }
            }
            return Optional.of(notification);
        });
    }

    @Override
    public boolean removeBuddy(long accountId, long buddyId) {
        return jdbc.update("DELETE FROM buddies WHERE (account_id = ? AND buddy_id = ?) OR "
                + "(account_id = ? AND buddy_id = ?)", s -> {
                    s.setLong(1, accountId);
                    s.setLong(2, buddyId);
                    s.setLong(3, buddyId);
                    s.setLong(4, accountId);
                }) > 0;
    }

    @Override
    public void removeRequests(long accountId, long otherId) {
        jdbc.update("DELETE FROM buddy_requests WHERE (requester_id = ? AND target_id = ?) OR "
                + "(requester_id = ? AND target_id = ?)", s -> {
                    s.setLong(1, accountId);
                    s.setLong(2, otherId);
                    s.setLong(3, otherId);
                    s.setLong(4, accountId);
                });
    }

    @Override
    public long nextNotificationId() {
        return jdbc.transaction(JdbcSocialStore::nextNotificationId);
    }

    private static long nextNotificationId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE counters SET counter_value = counter_value + 1 WHERE name = 'notification'")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT counter_value FROM counters WHERE name = 'notification'");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public Optional<Social.Membership> membership(long accountId) {
        return jdbc.queryOne("SELECT c.id, c.name, c.tag, m.clan_rank, m.joined_at FROM clan_members m "
                + "JOIN clans c ON c.id = m.clan_id WHERE m.account_id = ?", s -> s.setLong(1, accountId),
                row -> new Social.Membership(new Social.Clan(row.getLong(1), row.getString(2), row.getString(3)),
                        ClanRank.values()[row.getInt(4)], Instant.ofEpochMilli(row.getLong(5))));
    }

    @Override
    public Optional<Social.Clan> clan(long clanId) {
        return jdbc.queryOne(CLAN + "WHERE id = ?", s -> s.setLong(1, clanId), JdbcSocialStore::clan);
    }

    @Override
    public Optional<Social.Clan> clanByName(String name) {
        return jdbc.queryOne(CLAN + "WHERE name_key = ?", s -> s.setString(1, key(name)), JdbcSocialStore::clan);
    }

    @Override
    public Optional<Social.Clan> clanByTag(String tag) {
        return jdbc.queryOne(CLAN + "WHERE tag_key = ?", s -> s.setString(1, key(tag)), JdbcSocialStore::clan);
    }

    @Override
    public List<Social.Clan> clans() {
        return jdbc.query(CLAN + "ORDER BY id", s -> { }, JdbcSocialStore::clan);
    }

    @Override
    public List<Social.ClanMember> members(long clanId) {
        return jdbc.query("SELECT m.account_id, a.name, m.clan_rank, m.joined_at FROM clan_members m "
                + "JOIN accounts a ON a.id = m.account_id WHERE m.clan_id = ? ORDER BY m.clan_rank DESC, a.name_key",
                s -> s.setLong(1, clanId), row -> new Social.ClanMember(row.getLong(1), row.getString(2),
                        ClanRank.values()[row.getInt(3)], Instant.ofEpochMilli(row.getLong(4))));
    }

    @Override
    public long clanCreator(long clanId) {
        return jdbc.queryOne("SELECT creator_id FROM clans WHERE id = ?", s -> s.setLong(1, clanId),
                row -> row.getLong(1)).orElse(0L);
    }

    @Override
    public Social.Clan createClan(String name, String tag, long creatorId, Map<Long, ClanRank> members,
            Instant now) {
        try {
            return jdbc.transaction(c -> {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO clans (name, name_key, tag, tag_key, "
                        + "creator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    s.setString(1, name);
                    s.setString(2, key(name));
                    s.setString(3, tag);
                    s.setString(4, key(tag));
                    s.setLong(5, creatorId);
                    s.setLong(6, now.toEpochMilli());
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                for (Map.Entry<Long, ClanRank> member : members.entrySet()) {
                    insertMember(c, id, member.getKey(), member.getValue(), now);
                }
                return new Social.Clan(id, name, tag);
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql)) {
                throw DuplicateNameException.clan(name, tag);
            }
            throw e;
        }
    }

    @Override
    public boolean addMember(long clanId, long accountId, ClanRank rank, Instant now) {
        try {
            return jdbc.transaction(c -> {
                insertMember(c, clanId, accountId, rank, now);
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql)) {
                return false;
            }
            throw e;
        }
    }

    private static void insertMember(Connection c, long clanId, long accountId, ClanRank rank, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO clan_members (account_id, clan_id, clan_rank, joined_at) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, accountId);
            s.setLong(2, clanId);
            s.setInt(3, rank.wire());
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public boolean setRank(long accountId, ClanRank rank) {
        return jdbc.update("UPDATE clan_members SET clan_rank = ? WHERE account_id = ?", s -> {
            s.setInt(1, rank.wire());
            s.setLong(2, accountId);
        }) == 1;
    }

    @Override
    public boolean removeMember(long accountId) {
        return jdbc.update("DELETE FROM clan_members WHERE account_id = ?", s -> s.setLong(1, accountId)) == 1;
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static Social.BuddyRequest request(ResultSet row) throws SQLException {
        return new Social.BuddyRequest(row.getLong(1), row.getLong(2), row.getLong(3));
    }

    private static Social.Clan clan(ResultSet row) throws SQLException {
        return new Social.Clan(row.getLong(1), row.getString(2), row.getString(3));
    }

    @Override
    public List<String> savedChannels(long accountId) {
        return jdbc.query("SELECT name FROM saved_channels WHERE account_id = ? ORDER BY position",
                s -> s.setLong(1, accountId), row -> row.getString(1));
    }

    @Override
    public ListChange saveChannel(long accountId, String name, int max) {
        String key = name.toLowerCase(Locale.ROOT);
        return appendUnderLimit(accountId, "saved_channels", max,
                "SELECT COUNT(*) FROM saved_channels WHERE account_id = ? AND name_key = ?", key,
                "INSERT INTO saved_channels (account_id, position, name, name_key) VALUES (?, ?, ?, ?)",
                (insert, position) -> {
                    insert.setString(3, name);
                    insert.setString(4, key);
                });
    }

    @Override
    public void removeSavedChannel(long accountId, String name) {
        jdbc.update("DELETE FROM saved_channels WHERE account_id = ? AND name_key = ?", s -> {
            s.setLong(1, accountId);
            s.setString(2, name.toLowerCase(Locale.ROOT));
        });
    }

    @Override
    public void clearSavedChannels(long accountId) {
        jdbc.update("DELETE FROM saved_channels WHERE account_id = ?", s -> s.setLong(1, accountId));
    }

    @Override
    public List<Long> ignored(long accountId) {
        return jdbc.query("SELECT ignored_id FROM ignored_accounts WHERE account_id = ? ORDER BY position",
                s -> s.setLong(1, accountId), row -> row.getLong(1));
    }

    @Override
    public ListChange ignore(long accountId, long ignoredId, int max) {
        return appendUnderLimit(accountId, "ignored_accounts", max,
                "SELECT COUNT(*) FROM ignored_accounts WHERE account_id = ? AND ignored_id = ?", ignoredId,
                "INSERT INTO ignored_accounts (account_id, position, ignored_id) VALUES (?, ?, ?)",
                (insert, position) -> insert.setLong(3, ignoredId));
    }

    @Override
    public void unignore(long accountId, long ignoredId) {
        jdbc.update("DELETE FROM ignored_accounts WHERE account_id = ? AND ignored_id = ?", s -> {
            s.setLong(1, accountId);
            s.setLong(2, ignoredId);
        });
    }

    @Override
    public boolean ignores(long accountId, long otherId) {
        return jdbc.queryOne("SELECT 1 FROM ignored_accounts WHERE account_id = ? AND ignored_id = ?", s -> {
            s.setLong(1, accountId);
            s.setLong(2, otherId);
        }, row -> true).isPresent();
    }

    /** Fills the columns after account_id and position of a list's insert. */
    @FunctionalInterface
    private interface Entry {
        void bind(PreparedStatement insert, long position) throws SQLException;
    }

    /**
     * One transaction: the account's row is locked first, so two additions for one account (two nodes, two tabs)
     * cannot both pass the limit; then the duplicate check, the limit, and the append at the end of the list.
     */
    private ListChange appendUnderLimit(long accountId, String table, int max, String existsSql, Object key,
            String insertSql, Entry entry) {
        return jdbc.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM accounts WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, accountId);
                lock.executeQuery().close();
            }
            try (PreparedStatement exists = c.prepareStatement(existsSql)) {
                exists.setLong(1, accountId);
                exists.setObject(2, key);
                try (var rows = exists.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return ListChange.ALREADY;
                    }
                }
            }
            long count;
            long position;
            try (PreparedStatement size = c.prepareStatement("SELECT COUNT(*), COALESCE(MAX(position), 0) FROM "
                    + table + " WHERE account_id = ?")) {
                size.setLong(1, accountId);
                try (var rows = size.executeQuery()) {
                    rows.next();
                    count = rows.getLong(1);
                    position = rows.getLong(2) + 1;
                }
            }
            if (count >= max) {
                return ListChange.FULL;
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql)) {
                insert.setLong(1, accountId);
                insert.setLong(2, position);
                entry.bind(insert, position);
                insert.executeUpdate();
            }
            return ListChange.ADDED;
        });
    }
}
