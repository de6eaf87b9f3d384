package org.honchat.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.honchat.server.Backups;
import org.honchat.server.ServerLock;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.ConfigLoader;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Database;
import org.honchat.server.store.DatabaseCopy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backup}, {@code restore} and {@code database copy}: the data's way out and back in (docs/operations.md). */
final class DataCommands {

    private DataCommands() {
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Back up the embedded database and the data directory's secrets into one archive (works "
                    + "while the server runs).")
    static final class Backup implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The archive to write (a new file; readable by you only).")
        Path file;

        @Override
        public Integer call() {
            ServerConfig config = common.config();
            long started = System.nanoTime();
            Backups.Summary summary = Backups.backup(config, file);
            spec.commandLine().getOut().printf("backed up %d accounts into %s (%d bytes, %.1f s)%n",
                    summary.accounts(), summary.archive(), summary.bytes(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put a backup back into the data directory (the server must be stopped).")
    static final class Restore implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "An archive written by honchat backup.")
        Path file;

        @Option(names = "--replace", description = "Move the data directory's present database and secrets into "
                + "replaced-<time>/ first (without it, a directory that holds a database is refused).")
        boolean replace;

        @Override
        public Integer call() {
            Backups.Summary summary = Backups.restore(common.config(), file, replace);
            spec.commandLine().getOut().printf("restored %d accounts from %s (backup of %s) into %s%n",
                    summary.accounts(), summary.archive(), summary.created(), common.config().dataPath());
            return 0;
        }
    }

    @Command(name = "database", mixinStandardHelpOptions = true, description = "Move the store.",
            subcommands = {Copy.class})
    static final class DatabaseCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("honchat: database needs a subcommand: copy (honchat database --help)");
            return Main.REFUSED;
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy every table of this configuration's database (the embedded one by default) into the "
                    + "empty database another configuration names (PostgreSQL); the server must be stopped.")
    static final class Copy implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "CONFIG",
                description = "The configuration file that names the target database (database.url, user, password).")
        Path target;

        @Override
        public Integer call() {
            ServerConfig from = common.config();
            ServerConfig to = ConfigLoader.load(target, common.environment);
            if (to.database().embedded()) {
                throw new ConfigException(target + " names no database (database.url is empty): the target must be "
                        + "PostgreSQL, jdbc:postgresql://HOST/DB");
            }
            if (to.database().url().equals(from.database().url())
                    && to.database().schema().equals(from.database().schema())) {
                throw new ConfigException("the source and the target are the same database");
            }
            ServerLock.holder(from.dataPath()).ifPresent(holder -> {
                throw new ConfigException("a server is running on " + from.dataPath() + " (" + holder
                        + "): stop it first, so nothing changes during the copy");
            });
            long started = System.nanoTime();
            List<DatabaseCopy.Table> tables;
            try (Database source = Database.open(from); Database destination = Database.open(to)) {
                tables = DatabaseCopy.copy(source, destination);
            }
            var out = spec.commandLine().getOut();
            long rows = 0;
            for (DatabaseCopy.Table table : tables) {
                out.printf("%-24s %8d rows%n", table.name(), table.targetRows());
                rows += table.targetRows();
            }
            out.printf("copied %d rows in %d tables in %.1f s; counts checked. Point the server's configuration at "
                    + "the new database (docs/operations.md \"Moving to PostgreSQL\").%n", rows, tables.size(),
                    (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }
}
