package org.honchat.server.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.Version;
import org.honchat.server.store.Database;
import org.honchat.server.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code honchat}: the server and its operator commands. */
@Command(name = "honchat", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Chat server for the Heroes of Newerth 4.10 client (chat protocol 68).",
        subcommands = {ServeCommand.class, AccountCommand.class, ChannelCommand.class, ClanCommand.class,
            LiveCommands.Status.class, LiveCommands.Kick.class, LiveCommands.Broadcast.class, LiveCommands.Admin.class,
            DataCommands.Backup.class, DataCommands.Restore.class, DataCommands.DatabaseCommand.class,
            InspectCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code for a refused request: bad name, duplicate, unknown account, bad configuration. */
    public static final int REFUSED = 2;

    public static void main(String[] args) {
        // before any logger exists: HONCHAT_LOG_FORMAT=json picks the JSON-lines configuration
        if ("json".equalsIgnoreCase(System.getenv("HONCHAT_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        // after the log's configuration (this loads a logger), before H2 is first loaded
        Database.bindEmbeddedServerToLoopback();
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }

    /** Runs a command line with the given streams and environment; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new Main(), new EnvironmentFactory(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        // a mistyped command or option is one line and exit 2, even beside --help (which would print usage and exit 0)
        commandLine.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("honchat: " + e.getMessage() + " (honchat --help lists the commands)");
            return REFUSED;
        });
        commandLine.setExecutionStrategy(parsed -> {
            for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
                if (!result.unmatched().isEmpty()) {
                    err.println("honchat: unknown command or option: " + String.join(" ", result.unmatched())
                            + " (honchat --help lists the commands)");
                    return REFUSED;
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof StoreException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("honchat: " + e.getMessage());
                return REFUSED;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** {@code --version}: the build's one version string (the server reports the same). */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"honchat " + Version.current()};
        }
    }

    /** Hands every command the process environment (or a test's), for configuration overrides. */
    private static final class EnvironmentFactory implements CommandLine.IFactory {
        private final Map<String, String> environment;

        EnvironmentFactory(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            K instance = CommandLine.defaultFactory().create(type);
            if (instance instanceof CommonOptions common) {
                common.environment = environment;
            }
            return instance;
        }
    }
}
