package org.honchat.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.admin.RunningServer;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code honchat account ...}: manage accounts in the store. Works whether or not a server runs on the same data
 * directory (the embedded database is shared through H2's automatic server mode).
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.SetPassword.class,
            AccountCommand.SetType.class, AccountCommand.Delete.class, AccountCommand.Import.class,
            AccountCommand.MatchmakingBan.class})
public final class AccountCommand {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** The account types the command line accepts (docs/protocol.md §4.7). */
    static AccountType parseType(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "regular":
                return AccountType.REGULAR;
            case "premium":
                return AccountType.PREMIUM;
            case "staff":
                return AccountType.STAFF;
            case "disabled":
                return AccountType.DISABLED;
            case "server":
                return AccountType.SERVER;
            default:
                throw new IllegalArgumentException("unknown account type '" + text
                        + "' (regular, premium, staff, disabled or server)");
        }
    }

    static String typeName(AccountType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Shared: the account store, and the lookup of an existing account. */
    abstract static class StoreCommand extends DatabaseCommand {
        @Override
        int run(Database database) {
            return run(database.accounts());
        }

        abstract int run(AccountStore accounts);

        Account existing(AccountStore accounts, String name) {
            return accounts.findByName(name)
                    .orElseThrow(() -> new IllegalArgumentException("no account named '" + name + "'"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account; prints its id.")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--password", required = true, paramLabel = "PW")
        String password;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "regular",
                description = "regular (default), premium, staff, disabled, or server (a match-server host, "
                        + "docs/protocol.md §9.7)")
        String type;

        @Override
        int run(AccountStore accounts) {
            String problem = AccountNames.problem(name);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            requirePassword(password);
            Account account = accounts.create(name, parseType(type), Credentials.forPassword(password,
                    new SecureRandom()), Instant.now());
            out().println(account.id());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all accounts.")
    static final class ListAccounts extends StoreCommand {
        @Override
        int run(AccountStore accounts) {
            var out = out();
            out.printf("%-8s %-16s %-9s %-16s %s%n", "ID", "NAME", "TYPE", "CREATED (UTC)", "LAST SEEN (UTC)");
            for (Account a : accounts.list()) {
                out.printf("%-8d %-16s %-9s %-16s %s%n", a.id(), a.name(), typeName(a.type()), TIME.format(a.created()),
                        a.lastSeen() == null ? "never" : TIME.format(a.lastSeen()));
            }
            return 0;
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true, description = "Replace an account's password.")
    static final class SetPassword extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--password", required = true, paramLabel = "PW")
        String password;

        @Override
        int run(AccountStore accounts) {
            requirePassword(password);
            accounts.setCredentials(existing(accounts, name).id(), Credentials.forPassword(password,
                    new SecureRandom()));
            return 0;
        }
    }

    @Command(name = "set-type", mixinStandardHelpOptions = true, description = "Change an account's type.")
    static final class SetType extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "regular, premium, staff, disabled or server")
        String type;

        @Override
        int run(AccountStore accounts) {
            AccountType newType = parseType(type);
            Account account = existing(accounts, name);
            if (newType == AccountType.DISABLED) {
                // a running server closes the account's session at once; without one the store is enough
                var server = RunningServer.find(config.dataPath());
                if (server.isPresent()) {
                    LiveCommands.LiveCommand.okOrRefuse(server.get(), "POST", "/api/accounts/"
                            + LiveCommands.LiveCommand.segment(account.name()) + "/disable");
                    out().println("disabled on the running server (its session, if any, is closed)");
                    return 0;
                }
            }
            accounts.setType(account.id(), newType);
            out().println(typeName(newType) + ": written to the store" + (newType == AccountType.DISABLED
                    ? " (no server is running)" : "; a session already open keeps its old type until it logs in "
                    + "again"));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account and its sessions.")
    static final class Delete extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(AccountStore accounts) {
            Account account = existing(accounts, name);
            var server = RunningServer.find(config.dataPath());
            if (server.isPresent()) {
                LiveCommands.LiveCommand.okOrRefuse(server.get(), "DELETE", "/api/accounts/"
                        + LiveCommands.LiveCommand.segment(account.name()));
                out().println("deleted through the running server (its session, if any, is closed)");
                return 0;
            }
            accounts.delete(account.id());
            out().println("deleted from the store (no server is running)");
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Create many accounts from a file, in one transaction: all of them or none.",
                "One account per line: NAME<TAB>CREDENTIAL[<TAB>TYPE]; CREDENTIAL is plain:PASSWORD, md5:MD5HEX or "
                    + "srp:SALT2:P. Blank lines and lines starting with # are skipped."})
    static final class Import extends StoreCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "the accounts, UTF-8 ('-' reads standard input)")
        String file;

        @Option(names = "--dry-run", description = "check the file against the store and write nothing")
        boolean dryRun;

        @Override
        int run(AccountStore accounts) {
            long start = System.nanoTime();
            List<String> lines = readLines();
            Set<String> taken = new HashSet<>();
            accounts.list().forEach(a -> taken.add(AccountNames.key(a.name())));
            AccountImportFile.Parsed parsed = AccountImportFile.parse(lines, taken, new SecureRandom());
            if (!parsed.problems().isEmpty()) {
                var err = spec.commandLine().getErr();
                parsed.problems().forEach(problem -> err.println(file + ": " + problem));
                err.printf("honchat: nothing imported: %d bad line%s in %s%n", parsed.problems().size(),
                        parsed.problems().size() == 1 ? "" : "s", file);
                return Main.REFUSED;
            }
            if (dryRun) {
                out().printf("%d accounts would be imported; nothing written (--dry-run)%n", parsed.accounts().size());
                return 0;
            }
            int created = accounts.createAll(parsed.accounts(), Instant.now());
            out().printf("imported %d accounts in %d ms%n", created, (System.nanoTime() - start) / 1_000_000);
            return 0;
        }

        private List<String> readLines() {
            try {
                if ("-".equals(file)) {
                    return new BufferedReader(new InputStreamReader(System.in,
                            StandardCharsets.UTF_8)).lines().toList();
                }
                return Files.readAllLines(Path.of(file),
                        StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "mm-ban", mixinStandardHelpOptions = true,
            description = {"Ban an account from matchmaking for a while, or lift the ban (--minutes 0).",
                "Its groups are refused with the remaining time (0x0E0A reason 9) from its next login on."})
    static final class MatchmakingBan extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--minutes", required = true, paramLabel = "N", description = "ban length; 0 lifts the ban")
        long minutes;

        @Override
        int run(Database database) {
            if (minutes < 0) {
                throw new IllegalArgumentException("--minutes must be 0 or more");
            }
            Account account = database.accounts().findByName(name)
                    .orElseThrow(() -> new IllegalArgumentException("no account named '" + name + "'"));
            Instant until = minutes == 0 ? null : Instant.now().plusSeconds(minutes * 60);
            database.matchmaking().setMatchmakingBan(account.id(), until);
            out().println(until == null ? "ban lifted" : "banned from matchmaking until " + TIME.format(until)
                    + " UTC");
            return 0;
        }
    }

    static void requirePassword(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
    }
}
