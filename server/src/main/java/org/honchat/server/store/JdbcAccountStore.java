package org.honchat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.honchat.protocol.types.AccountType;

/** {@link AccountStore} on JDBC, portable between H2 and PostgreSQL. */
final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "id, name, account_type, email, chat_symbol, name_colour, account_icon, "
            + "ascension, created_at, last_seen_at";

    private final Jdbc jdbc;

    JdbcAccountStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Account create(String name, AccountType type, Credentials credentials, Instant now) {
        long id = insert(List.of(new NewAccount(name, type, credentials)), now).get(0);
        return findById(id).orElseThrow(() -> new StoreException("account " + id + " vanished after insert"));
    }

    @Override
    public int createAll(List<NewAccount> accounts, Instant now) {
        return insert(accounts, now).size();
    }

    /**
     * Inserts the accounts and their credentials in one transaction, all or none; returns their ids in order.
     * Throws {@link IllegalArgumentException} for an invalid name, {@link DuplicateNameException} for a name taken
     * in the store or twice in the list.
     */
    private List<Long> insert(List<NewAccount> accounts, Instant now) {
        Set<String> keys = new HashSet<>();
        for (NewAccount account : accounts) {
            String problem = AccountNames.problem(account.name());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (!keys.add(AccountNames.key(account.name()))) {
                throw new DuplicateNameException(account.name());
            }
        }
        try {
            return jdbc.transaction(c -> {
                // one statement each, reused for every row: thousands of rows in one commit (issue 9, migration)
                List<Long> ids = new ArrayList<>(accounts.size());
                try (PreparedStatement insertAccount = c.prepareStatement("INSERT INTO accounts (name, name_key, "
                        + "account_type, created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                        PreparedStatement insertCredentials = c.prepareStatement(
                                "INSERT INTO account_credentials (account_id, salt2, srp_password) VALUES (?, ?, ?)")) {
                    for (NewAccount account : accounts) {
                        insertAccount.setString(1, account.name());
                        insertAccount.setString(2, AccountNames.key(account.name()));
                        insertAccount.setInt(3, account.type().code());
                        insertAccount.setLong(4, now.toEpochMilli());
                        insertAccount.executeUpdate();
                        long id;
                        try (ResultSet generated = insertAccount.getGeneratedKeys()) {
                            generated.next();
                            id = generated.getLong(1);
                        }
                        ids.add(id);
                        insertCredentials.setLong(1, id);
                        insertCredentials.setString(2, account.credentials().salt2());
                        insertCredentials.setString(3, account.credentials().srpPassword());
                        insertCredentials.addBatch();
                    }
                    insertCredentials.executeBatch();
                }
                return ids;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql)) {
                throw new DuplicateNameException(firstTaken(accounts));
            }
            throw e;
        }
    }

    /** After a refused import: which name was taken (the database only says that one was). */
    private String firstTaken(List<NewAccount> accounts) {
        for (NewAccount account : accounts) {
            if (findByName(account.name()).isPresent()) {
                return account.name();
            }
        }
        return accounts.get(0).name();
    }

    @Override
    public Optional<Account> findByName(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE name_key = ?",
                s -> s.setString(1, AccountNames.key(AccountNames.bare(name))), JdbcAccountStore::account);
    }

    @Override
    public Optional<Account> findById(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", s -> s.setLong(1, id),
                JdbcAccountStore::account);
    }

    @Override
    public Optional<Credentials> credentials(long accountId) {
        return jdbc.queryOne("SELECT salt2, srp_password FROM account_credentials WHERE account_id = ?",
                s -> s.setLong(1, accountId), row -> new Credentials(row.getString(1), row.getString(2)));
    }

    @Override
    public List<Account> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts ORDER BY id", s -> { }, JdbcAccountStore::account);
    }

    @Override
    public List<Account> search(String text, int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE name_key LIKE ? ESCAPE '!' ORDER BY name_key "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", s -> {
                    s.setString(1, contains(text));
                    s.setInt(2, offset);
                    s.setInt(3, limit);
                }, JdbcAccountStore::account);
    }

    @Override
    public long count(String text) {
        return jdbc.queryOne("SELECT COUNT(*) FROM accounts WHERE name_key LIKE ? ESCAPE '!'",
                s -> s.setString(1, contains(text)), row -> row.getLong(1)).orElse(0L);
    }

    /** A LIKE pattern for names containing {@code text}: its own wildcards escaped. */
    private static String contains(String text) {
        String key = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + key + "%";
    }

    @Override
    public boolean setCredentials(long accountId, Credentials credentials) {
        return jdbc.update("UPDATE account_credentials SET salt2 = ?, srp_password = ? WHERE account_id = ?", s -> {
            s.setString(1, credentials.salt2());
            s.setString(2, credentials.srpPassword());
            s.setLong(3, accountId);
        }) == 1;
    }

    @Override
    public boolean setType(long accountId, AccountType type) {
        return jdbc.update("UPDATE accounts SET account_type = ? WHERE id = ?", s -> {
            s.setInt(1, type.code());
            s.setLong(2, accountId);
        }) == 1;
    }

    @Override
    public boolean delete(long accountId) {
        return jdbc.update("DELETE FROM accounts WHERE id = ?", s -> s.setLong(1, accountId)) == 1;
    }

    @Override
    public void recordLastLogin(long accountId, Instant when) {
        recordLastLogin(Map.of(accountId, when));
    }

    @Override
    public void recordLastLogin(Map<Long, Instant> times) {
        updateTimes("UPDATE accounts SET last_login_at = ? WHERE id = ?", times);
    }

    @Override
    public Optional<Instant> lastLogin(long accountId) {
        return jdbc.queryOne("SELECT last_login_at FROM accounts WHERE id = ? AND last_login_at IS NOT NULL",
                s -> s.setLong(1, accountId), row -> Instant.ofEpochMilli(row.getLong(1)));
    }

    @Override
    public void recordLastSeen(long accountId, Instant when) {
        recordLastSeen(java.util.Map.of(accountId, when));
    }

    @Override
    public void recordLastSeen(java.util.Map<Long, Instant> times) {
        updateTimes("UPDATE accounts SET last_seen_at = ? WHERE id = ?", times);
    }

    /** One batch of (time, account id) updates in one transaction. */
    private void updateTimes(String sql, Map<Long, Instant> times) {
        jdbc.transaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (java.util.Map.Entry<Long, Instant> time : times.entrySet()) {
                    update.setLong(1, time.getValue().toEpochMilli());
                    update.setLong(2, time.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    private static Account account(ResultSet row) throws SQLException {
        long lastSeen = row.getLong(10);
        boolean neverSeen = row.wasNull();
        return new Account(row.getLong(1), row.getString(2), AccountType.fromCode(row.getInt(3)), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getLong(8),
                Instant.ofEpochMilli(row.getLong(9)), neverSeen ? null : Instant.ofEpochMilli(lastSeen));
    }
}
