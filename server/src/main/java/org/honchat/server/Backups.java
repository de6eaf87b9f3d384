package org.honchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.config.Version;
import org.honchat.server.store.Database;
import org.honchat.server.store.StoreException;

/**
 * {@code honchat backup} and {@code honchat restore} for the embedded database (docs/operations.md "Backup and
 * restore"): one zip archive, readable by its owner only, holding H2's online backup of the database (taken while
 * the server runs, through its automatic server) and the data directory's secrets, without which the restored
 * database cannot be opened (its password) nor the old cookies and admin token used.
 */
public final class Backups {

    /** What a backup holds besides the database file: the archive's description. */
    public static final String MANIFEST = "honchat-backup.properties";
    static final String DATABASE_FILE = "honchat.mv.db";
    private static final String FORMAT = "1";

    /** The outcome of a backup or restore, for the command's one line. */
    public record Summary(Path archive, long accounts, long bytes, String created, String version) {
    }

    private Backups() {
    }

    /** Writes the archive; refuses an existing file, and PostgreSQL (whose tool is {@code pg_dump}). */
    public static Summary backup(ServerConfig config, Path archive) {
        if (!config.database().embedded()) {
            throw new ConfigException("the database is PostgreSQL; back it up with pg_dump, for example:\n  "
                    + pgDump(config, archive) + "\nand keep a copy of chat-secret and admin-token from "
                    + config.dataPath());
        }
        if (Files.exists(archive)) {
            throw new ConfigException(archive + " exists: name a new file");
        }
        Path dataDir = config.dataPath();
        Path work = null;
        try {
            work = Files.createTempDirectory(archive.toAbsolutePath().getParent(), ".honchat-backup");
            Path h2Zip = work.resolve("h2.zip");
            long accounts;
            try (Database database = Database.open(config); Connection c = database.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                // H2's online backup: a consistent copy while the server keeps writing
                st.execute("BACKUP TO '" + h2Zip.toAbsolutePath().toString().replace("'", "''") + "'");
                accounts = accounts(c);
            }
            String created = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
            Path partial = work.resolve("archive.zip");
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial));
                    ZipFile h2 = new ZipFile(h2Zip.toFile())) {
                Properties manifest = new Properties();
                manifest.setProperty("format", FORMAT);
                manifest.setProperty("version", Version.current());
                manifest.setProperty("created", created);
                manifest.setProperty("accounts", Long.toString(accounts));
                zip.putNextEntry(new ZipEntry(MANIFEST));
                manifest.store(zip, "honchat backup");
                zip.closeEntry();
                ZipEntry db = h2.getEntry(DATABASE_FILE);
                if (db == null) {
                    throw new StoreException("H2's backup holds no " + DATABASE_FILE);
                }
                zip.putNextEntry(new ZipEntry(DATABASE_FILE));
                try (InputStream in = h2.getInputStream(db)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                for (String secret : DataDirectory.SECRETS) {
                    Path file = dataDir.resolve(secret);
                    if (Files.isRegularFile(file)) {
                        zip.putNextEntry(new ZipEntry(secret));
                        Files.copy(file, zip);
                        zip.closeEntry();
                    }
                }
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(archive, accounts, Files.size(archive), created, Version.current());
        } catch (IOException | SQLException e) {
            throw new StoreException("the backup failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** The pg_dump command for a PostgreSQL configuration: the password goes through PGPASSWORD, not the line. */
    private static String pgDump(ServerConfig config, Path file) {
        String url = config.database().url().substring("jdbc:".length()).replaceFirst("\\?.*$", "");
        StringBuilder command = new StringBuilder("PGPASSWORD=... pg_dump --format=custom --file=" + file);
        if (!config.database().user().isEmpty()) {
            command.append(" --username=").append(config.database().user());
        }
        if (!config.database().schema().isEmpty()) {
            command.append(" --schema=").append(config.database().schema());
        }
        return command.append(" '").append(url).append("'").toString();
    }

    /**
     * Puts an archive back into the data directory of a stopped server. A directory that already holds a database
     * is refused unless {@code replace}, which first moves its database and secrets into {@code replaced-<time>/}.
     * The restored database is opened once (which also brings an older backup's schema up to date).
     */
    public static Summary restore(ServerConfig config, Path archive, boolean replace) {
        if (!config.database().embedded()) {
            throw new ConfigException("the database is PostgreSQL: restore it with pg_restore (docs/operations.md)");
        }
        Path dataDir = config.dataPath();
        ServerLock.holder(dataDir).ifPresent(holder -> {
            throw new ConfigException("a server is running on " + dataDir + " (" + holder + "): stop it first");
        });
        if (!Files.isRegularFile(archive)) {
            throw new ConfigException("no such backup file: " + archive);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Properties manifest = new Properties();
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null || zip.getEntry(DATABASE_FILE) == null) {
                throw new ConfigException(archive + " is not a honchat backup (no " + MANIFEST + " or "
                        + DATABASE_FILE + ")");
            }
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest.load(in);
            }
            if (!FORMAT.equals(manifest.getProperty("format"))) {
                throw new ConfigException(archive + " has backup format " + manifest.getProperty("format")
                        + "; this version reads format " + FORMAT);
            }
            DataDirectory.create(dataDir);
            if (Files.exists(dataDir.resolve(DATABASE_FILE))) {
                if (!replace) {
                    throw new ConfigException(dataDir + " already holds a database: restore into an empty data "
                            + "directory, or add --replace to move the present one aside first");
                }
                moveAside(dataDir);
            }
            Files.createFile(dataDir.resolve(DATABASE_FILE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try (InputStream in = zip.getInputStream(zip.getEntry(DATABASE_FILE));
                    OutputStream out = Files.newOutputStream(dataDir.resolve(DATABASE_FILE))) {
                in.transferTo(out);
            }
            for (String secret : DataDirectory.SECRETS) {
                ZipEntry entry = zip.getEntry(secret);
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        DataDirectory.writeSecret(dataDir.resolve(secret),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("the restore failed: " + e.getMessage(), e);
        }
        try (Database database = Database.open(config); Connection c = database.dataSource().getConnection()) {
            return new Summary(archive, accounts(c), 0, manifestCreated(archive), Version.current());
        } catch (SQLException e) {
            throw new StoreException("the restored database cannot be read: " + e.getMessage(), e);
        }
    }

    private static long accounts(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String manifestCreated(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile()); InputStream in = zip.getInputStream(zip.getEntry(MANIFEST))) {
            Properties manifest = new Properties();
            manifest.load(in);
            return manifest.getProperty("created", "");
        } catch (IOException e) {
            return "";
        }
    }

    /** The present database and secrets go to {@code replaced-<UTC time>/}, so a restore never destroys data. */
    private static void moveAside(Path dataDir) throws IOException {
        Path aside = dataDir.resolve("replaced-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now()));
        DataDirectory.create(aside);
        List<String> names = new ArrayList<>(DataDirectory.SECRETS);
        names.add(DATABASE_FILE);
        names.add("honchat.trace.db");
        for (String name : names) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)) {
                Files.move(file, aside.resolve(name));
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
