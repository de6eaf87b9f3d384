package org.honchat.server.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.honchat.server.inspect.Inspector;
import org.honchat.server.inspect.InspectorSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code honchat inspect}: see and check what a client and a chat server say to each other (docs/inspector.md). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"A proxy that forwards every byte unchanged and decodes every frame: one line per command,",
            "frames that do not match a known layout flagged with their bytes. Ctrl-C prints a summary."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", paramLabel = "PORT", description = "Port for the clients (chat, or the --link).")
    Integer listen;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the inspector listens on (default 127.0.0.1; 0.0.0.0 for clients on other hosts).")
    String bind;

    @Option(names = "--upstream", paramLabel = "HOST:PORT",
            description = "The server to forward to (for chat it may be left out with --http-*: the login reply names it).")
    String upstream;

    @Option(names = "--http-listen", paramLabel = "PORT", description = "Port for client_requester.php and server_requester.php.")
    Integer httpListen;

    @Option(names = "--http-upstream", paramLabel = "URL", description = "The real login service, e.g. http://127.0.0.1:8080")
    String httpUpstream;

    @Option(names = "--chat-host", paramLabel = "HOST",
            description = "The host the rewritten login reply names (default: the host the client asked the login service by).")
    String chatHost;

    @Option(names = "--link", paramLabel = "KIND", defaultValue = "chat",
            description = "chat (default), match (match servers, 11032) or manager (11033).")
    String link;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Write every byte with its time and direction, for --read (holds cookies: keep it private).")
    Path capture;

    @Option(names = "--read", paramLabel = "FILE", description = "Decode a capture file instead of listening.")
    Path read;

    @Option(names = "--only", paramLabel = "IDS", split = ",", description = "With --read: only these ids (0x03,0x08).")
    String[] only;

    @Option(names = "--connection", paramLabel = "N", description = "With --read: only this connection.")
    Integer connection;

    @Option(names = "--flagged", description = "With --read: only flagged frames.")
    boolean flagged;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (read != null) {
            Set<Integer> ids = only == null ? Set.of() : Arrays.stream(only).map(String::strip)
                    .map(id -> Integer.decode(id)).collect(Collectors.toSet());
            Inspector.read(read, new InspectorSession.Filter(ids, connection == null ? -1 : connection, flagged),
                    json, out);
            return 0;
        }
        if (only != null || connection != null || flagged) {
            throw new IllegalArgumentException("--only, --connection and --flagged filter --read");
        }
        if (listen == null) {
            throw new IllegalArgumentException("--listen PORT is needed (or --read FILE)");
        }
        Inspector inspector = Inspector.start(new Inspector.Options(link, new InetSocketAddress(bind, listen),
                upstream == null ? null : address(upstream),
                httpListen == null ? null : new InetSocketAddress(bind, httpListen), httpUpstream, chatHost, json,
                capture), out);
        CountDownLatch stopped = new CountDownLatch(1);
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), received -> stopped.countDown());
        }
        stopped.await();
        inspector.close();
        return 0;
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--upstream must be HOST:PORT");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
