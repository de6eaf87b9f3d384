package org.honchat.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.honchat.server.config.DataDirectory;
import org.honchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema. The embedded default is H2 in file mode under the data directory, opened with
 * {@code AUTO_SERVER} so the command line works beside a running server (its TCP port on loopback only, behind the
 * generated password of the owner-only data directory), and with {@code WRITE_DELAY=0} so a
 * commit is in the file before the caller hears of it (a {@code kill -9} loses nothing acknowledged). PostgreSQL is
 * used when configured. Flyway brings the schema up to date on open.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static {
        // H2's automatic server (the command line's way into a running server's database) listens on a TCP port;
        // this property, read once when H2 loads, binds it to loopback instead of every interface
        bindEmbeddedServerToLoopback();
    }

    /** Call before H2 is first loaded (the command line does it first thing); later calls change nothing. */
    public static void bindEmbeddedServerToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(ServerConfig config) {
        ServerConfig.DatabaseConfig db = config.database();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("honchat-db");
        hikari.setMaximumPoolSize(db.maxPoolSize());
        hikari.setMinimumIdle(1);
        hikari.setInitializationFailTimeout(10_000);
        if (db.embedded()) {
            Path dir = config.dataPath();
            createDirectories(dir);
            hikari.setJdbcUrl("jdbc:h2:file:" + dir.resolve("honchat") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
            hikari.setUsername("honchat");
            hikari.setPassword(embeddedPassword(dir));
        } else {
            hikari.setJdbcUrl(db.url());
            hikari.setUsername(db.user());
            hikari.setPassword(db.password());
        }
        if (!db.schema().isEmpty()) {
            hikari.setSchema(db.schema());
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + (db.embedded() ? "under " + config.dataPath()
                    : db.url()) + ": " + rootMessage(e), e);
        }
        try {
            migrate(dataSource, db.schema());
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot bring the database schema up to date: " + rootMessage(e), e);
        }
        return new Database(dataSource);
    }

    private static void migrate(DataSource dataSource, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (!schema.isEmpty()) {
            flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        var result = flyway.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("database schema migrated to version {}", result.targetSchemaVersion);
        }
    }

    /** The embedded database's password, generated at first start and kept beside it. */
    private static String embeddedPassword(Path dir) {
        Path file = dir.resolve("db-password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            DataDirectory.writeSecret(file, password + "\n", false);
            return password;
        } catch (IOException e) {
            throw new StoreException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            DataDirectory.create(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public AccountStore accounts() {
        return new JdbcAccountStore(dataSource);
    }

    public MatchmakingStore matchmaking() {
        return new JdbcMatchmakingStore(dataSource);
    }

    public SessionStore sessions() {
        return new JdbcSessionStore(dataSource);
    }

    public SocialStore social() {
        return new JdbcSocialStore(dataSource);
    }

    public ChannelStore channels() {
        return new JdbcChannelStore(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
