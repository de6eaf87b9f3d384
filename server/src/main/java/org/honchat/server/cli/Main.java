package org.honchat.server.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.honchat.server.config.ConfigException;
import org.honchat.server.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code honchat}: the server and its operator commands. */
@Command(name = "honchat", mixinStandardHelpOptions = true, version = "honchat 0.1.0",
        description = "Chat server for the Heroes of Newerth 4.10 client (chat protocol 68).",
        subcommands = {ServeCommand.class, AccountCommand.class, ChannelCommand.class, ClanCommand.class,
            LiveCommands.Status.class, LiveCommands.Kick.class, LiveCommands.Broadcast.class, LiveCommands.Admin.class,
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
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof StoreException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("honchat: " + e.getMessage());
                return REFUSED;
            }
            throw e;
        });
        return commandLine.execute(args);
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
