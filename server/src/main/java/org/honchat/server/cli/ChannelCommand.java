package org.honchat.server.cli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.honchat.protocol.types.AdminLevel;
import org.honchat.protocol.types.ChannelFlags;
import org.honchat.server.domain.core.ChannelNames;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.ChannelStore;
import org.honchat.server.store.Database;
import org.honchat.server.store.PermanentChannel;
import org.honchat.server.admin.RunningServer;
import org.honchat.server.store.DuplicateNameException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code honchat channel ...}: permanent channels (docs/protocol.md §6.3). A running server reads them at start, so
 * changes made here take effect at the server's next start.
 */
@Command(name = "channel", mixinStandardHelpOptions = true, description = "Manage permanent channels.",
        subcommands = {ChannelCommand.Create.class, ChannelCommand.ListChannels.class, ChannelCommand.Delete.class,
            ChannelCommand.Admin.class})
public final class ChannelCommand {

    /** The general channel takes id 1 without being stored; stored ids start above it. */
    static final long RESERVED_IDS = 1;

    /** Shared: the channel and account stores, and the lookup of an existing permanent channel. */
    abstract static class StoreCommand extends DatabaseCommand {
        @Override
        int run(Database database) {
            return run(database.channels(), database.accounts());
        }

        abstract int run(ChannelStore channels, AccountStore accounts);

        PermanentChannel existing(ChannelStore channels, String name) {
            String normalized = ChannelNames.normalize(name);
            return channels.find(normalized)
                    .orElseThrow(() -> new IllegalArgumentException("no permanent channel named '" + name + "'"));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a permanent channel.")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--topic", paramLabel = "T", defaultValue = "")
        String topic;

        @Option(names = "--password", paramLabel = "P", defaultValue = "")
        String password;

        @Option(names = "--admin", paramLabel = "ACCOUNT", description = "The channel's first administrator. "
                + "Without it, the first player to join becomes its administrator (protocol 6.3 step 12).")
        String admin;

        @Override
        int run(ChannelStore channels, AccountStore accounts) {
            String normalized = ChannelNames.normalize(name);
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' is not a channel name");
            }
            String problem = ChannelNames.reservedProblem(normalized, config.chat().generalChannelName());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (topic.codePointCount(0, topic.length()) > 140) {
                throw new IllegalArgumentException("a topic has at most 140 characters");
            }
            var administrator = admin == null ? null : accounts.findByName(admin).orElseThrow(
                    () -> new IllegalArgumentException("no account named '" + admin + "'"));
            var server = RunningServer.find(config.dataPath());
            if (server.isPresent()) {
                // through the running server: it picks an id no channel in use has, and the channel opens at once
                var body = new HashMap<>(Map.of("name", normalized, "topic", topic, "password",
                        password));
                if (administrator != null) {
                    body.put("admin", administrator.name());
                }
                var created = LiveCommands.LiveCommand.okOrRefuse(server.get(), "POST", "/api/channels", body);
                out().println(created.path("id").asLong());
                out().println("open on the running server now");
                return 0;
            }
            if (channels.find(normalized).isPresent()) {
                throw DuplicateNameException.channel(normalized);
            }
            PermanentChannel channel = channels.create(normalized, ChannelFlags.PERMANENT, topic, password,
                    RESERVED_IDS);
            if (administrator != null) {
                channels.setAdmin(channel.id(), administrator.id(), AdminLevel.ADMINISTRATOR);
            }
            out().println(channel.id());
            out().println("stored; it opens when the server starts (no server is running)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List permanent channels.")
    static final class ListChannels extends StoreCommand {
        @Override
        int run(ChannelStore channels, AccountStore accounts) {
            var out = out();
            out.printf("%-6s %-24s %-9s %-6s %-6s %s%n", "ID", "NAME", "PASSWORD", "AUTH", "BANS", "ADMINS");
            for (PermanentChannel c : channels.loadAll()) {
                String admins = c.admins().entrySet().stream()
                        .map(e -> accounts.findById(e.getKey()).map(Account::name).orElse("#" + e.getKey()) + ":"
                                + e.getValue().name().toLowerCase(Locale.ROOT))
                        .sorted().collect(Collectors.joining(","));
                out.printf("%-6d %-24s %-9s %-6d %-6d %s%n", c.id(), c.name(), c.password().isEmpty() ? "no" : "yes",
                        c.authList().size(), c.bans().size(), admins);
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a permanent channel.")
    static final class Delete extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(ChannelStore channels, AccountStore accounts) {
            PermanentChannel channel = existing(channels, name);
            var server = RunningServer.find(config.dataPath());
            if (server.isPresent()) {
                LiveCommands.LiveCommand.okOrRefuse(server.get(), "DELETE", "/api/channels/"
                        + LiveCommands.LiveCommand.segment(channel.name()), null);
                out().println("deleted; on the running server it goes once its members have left");
                return 0;
            }
            channels.delete(channel.id());
            out().println("deleted from the store (no server is running)");
            return 0;
        }
    }

    @Command(name = "admin", mixinStandardHelpOptions = true,
            description = "Set an account's admin level in a permanent channel.")
    static final class Admin extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ACCOUNT")
        String account;

        @Option(names = "--level", required = true, paramLabel = "LEVEL",
                description = "none, officer, leader or administrator")
        String level;

        @Override
        int run(ChannelStore channels, AccountStore accounts) {
            AdminLevel newLevel = org.honchat.server.domain.operator.OperatorActions.levelNamed(level);
            if (newLevel == null) {
                throw new IllegalArgumentException("unknown level '" + level
                        + "' (none, officer, leader or administrator)");
            }
            PermanentChannel channel = existing(channels, name);
            Account target = accounts.findByName(account)
                    .orElseThrow(() -> new IllegalArgumentException("no account named '" + account + "'"));
            var server = RunningServer.find(config.dataPath());
            if (server.isPresent()) {
                LiveCommands.LiveCommand.okOrRefuse(server.get(), "POST", "/api/channels/"
                        + LiveCommands.LiveCommand.segment(channel.name()) + "/admins",
                        Map.of("account", target.name(), "level", newLevel.name().toLowerCase(Locale.ROOT)));
                out().println("set on the running server (members present see the new admin list)");
                return 0;
            }
            channels.setAdmin(channel.id(), target.id(), newLevel);
            out().println("written to the store (no server is running)");
            return 0;
        }
    }
}
