package org.honchat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.honchat.server.admin.AdminToken;
import org.honchat.server.admin.RunningServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands that act on the running server through its admin API: {@code status}, {@code kick}, {@code broadcast}. */
final class LiveCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveCommands() {
    }

    /** Shared: the running server on the data directory, or a clear refusal. */
    abstract static class LiveCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var dataDir = common.config().dataPath();
            RunningServer server = RunningServer.find(dataDir).orElseThrow(() -> new IllegalArgumentException(
                    "no server is running on " + dataDir + " (this command needs one)"));
            return run(server);
        }

        abstract int run(RunningServer server) throws Exception;

        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** A name as one path segment of an admin API URL (spaces as %20). */
        static String segment(String name) {
            return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** One call whose answer must be 200; otherwise the API's error is the command's refusal. */
        static JsonNode okOrRefuse(RunningServer server, String method, String path) {
            return okOrRefuse(server, method, path, null);
        }

        /** The same with a JSON body (null: none). */
        static JsonNode okOrRefuse(RunningServer server, String method, String path, Map<String, String> body) {
            try {
                return ok(server.call(method, path, body == null ? null : JSON.writeValueAsString(body)));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("interrupted while asking the running server");
            } catch (Exception e) {
                throw new IllegalArgumentException("the running server did not answer: " + e.getMessage());
            }
        }

        /** The JSON of a 200 answer, or the API's error as a refusal. */
        static JsonNode ok(RunningServer.Reply reply) throws Exception {
            JsonNode body = JSON.readTree(reply.json());
            if (reply.status() != 200) {
                throw new IllegalArgumentException(body.path("error").asText("HTTP " + reply.status()));
            }
            return body;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running server's status.")
    static final class Status extends LiveCommand {
        @Override
        int run(RunningServer server) throws Exception {
            JsonNode status = ok(server.call("GET", "/api/status", null));
            status.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode()) {
                    out().printf("%-18s %s%n", field.getKey(), field.getValue().asText());
                }
            });
            JsonNode cluster = status.path("cluster");
            if (!cluster.isMissingNode()) {
                // cluster mode (docs/cluster.md): the figures above come from the hub node
                out().printf("%-18s %s%n", "hubNode", cluster.path("hubNode").asText());
                for (JsonNode node : cluster.path("nodes")) {
                    out().printf("%-18s %s, %d sessions, chat %s%n", "node", node.path("nodeId").asText(),
                            node.path("sessions").asInt(), node.path("chat").asText());
                }
            }
            return 0;
        }
    }

    @Command(name = "kick", mixinStandardHelpOptions = true,
            description = "Log a session out of the running server (game clients are logged out, bots closed).")
    static final class Kick extends LiveCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(RunningServer server) throws Exception {
            ok(server.call("POST", "/api/sessions/" + segment(name) + "/kick", null));
            out().println("kicked " + name);
            return 0;
        }
    }

    @Command(name = "broadcast", mixinStandardHelpOptions = true,
            description = "Send a message from 'Server Message' to everyone online.")
    static final class Broadcast extends LiveCommand {
        @Parameters(index = "0", paramLabel = "TEXT")
        String text;

        @Override
        int run(RunningServer server) throws Exception {
            JsonNode answer = ok(server.call("POST", "/api/broadcast",
                    JSON.writeValueAsString(Map.of("message", text))));
            out().println("sent to " + answer.path("sessions").asInt() + " sessions");
            return 0;
        }
    }

    @Command(name = "admin", mixinStandardHelpOptions = true, description = "The admin API's bearer token.",
            subcommands = {Token.class})
    static final class Admin {
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print the admin API token of the data directory, or make a new one (--rotate).")
    static final class Token implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--rotate", description = "replace the token; the old one stops working at once")
        boolean rotate;

        @Override
        public Integer call() throws Exception {
            var dataDir = common.config().dataPath();
            String token = rotate ? AdminToken.rotate(dataDir) : AdminToken.load(dataDir).value();
            spec.commandLine().getOut().println(token);
            return 0;
        }
    }
}
