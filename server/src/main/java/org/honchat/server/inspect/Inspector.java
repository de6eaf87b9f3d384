package org.honchat.server.inspect;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.honchat.server.inspect.FrameInspector.Link;

/**
 * {@code honchat inspect} (docs/inspector.md): a proxy between a client and a chat server (or a match server or
 * manager and the chat server) that forwards every byte unchanged and decodes every frame with the protocol module,
 * optionally with the login service in front so the client's chat connection comes through it as well.
 */
public final class Inspector implements AutoCloseable {

    /** What to listen on and where to forward; a null listen address or upstream leaves that part out. */
    public record Options(String link, InetSocketAddress listen, InetSocketAddress upstream,
            InetSocketAddress httpListen, String httpUpstream, String chatHost, boolean json, Path capture) {
    }

    private final InspectorSession session;
    private final TcpInspectProxy tcp;
    private final HttpInspectProxy http;

    private Inspector(InspectorSession session, TcpInspectProxy tcp, HttpInspectProxy http) {
        this.session = session;
        this.tcp = tcp;
        this.http = http;
    }

    public static Inspector start(Options options, PrintWriter out) throws IOException {
        Link link = link(options.link());
        if (options.listen() == null) {
            throw new IllegalArgumentException("--listen is needed");
        }
        if (options.upstream() == null && (options.httpListen() == null || link != Link.CHAT)) {
            throw new IllegalArgumentException("--upstream is needed (or, for chat, --http-listen and "
                    + "--http-upstream, which learn it from the login reply)");
        }
        if ((options.httpListen() == null) != (options.httpUpstream() == null)) {
            throw new IllegalArgumentException("--http-listen and --http-upstream go together");
        }
        InspectorSession session = new InspectorSession(out, options.json(), InspectorSession.Filter.ALL,
                options.capture() == null ? null : privateFile(options.capture()));
        HttpInspectProxy[] http = new HttpInspectProxy[1];
        TcpInspectProxy tcp = new TcpInspectProxy(session, link, options.listen(), () -> options.upstream() != null
                ? options.upstream() : http[0].learnedChat());
        if (options.httpListen() != null) {
            http[0] = new HttpInspectProxy(session, options.httpListen(), options.httpUpstream(), options.chatHost(),
                    tcp.port());
        }
        session.note(System.currentTimeMillis(), 0, "inspecting the " + link.name().toLowerCase() + " link on "
                + options.listen().getHostString() + ":" + tcp.port() + " -> " + (options.upstream() != null
                        ? options.upstream().getHostString() + ":" + options.upstream().getPort()
                        : "the chat address of the next login reply")
                + (http[0] == null ? "" : "; login service on " + options.httpListen().getHostString() + ":"
                        + http[0].port() + " -> " + options.httpUpstream()));
        return new Inspector(session, tcp, http[0]);
    }

    /** Decodes a capture file again, with filters, into {@code out}; returns the number of flagged frames. */
    public static long read(Path capture, InspectorSession.Filter filter, boolean json, PrintWriter out)
            throws IOException {
        try (InspectorSession session = new InspectorSession(out, json, filter, null);
                var in = new BufferedInputStream(Files.newInputStream(capture))) {
            session.replay(in);
            session.summary();
            return session.flaggedCount();
        }
    }

    public int port() {
        return tcp.port();
    }

    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public long flagged() {
        return session.flaggedCount();
    }

    static Link link(String name) {
        return switch (name == null ? "chat" : name) {
            case "chat" -> Link.CHAT;
            case "match" -> Link.MATCH;
            case "manager" -> Link.MANAGER;
            default -> throw new IllegalArgumentException("--link must be chat, match or manager");
        };
    }

    /** The capture holds cookies and auth hashes: readable by its owner only. */
    private static OutputStream privateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists: name a new capture file");
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new BufferedOutputStream(Files.newOutputStream(file));
    }

    /** Stops listening, prints the summary, closes the capture. */
    @Override
    public void close() throws IOException {
        tcp.close();
        if (http != null) {
            http.close();
        }
        session.summary();
        session.close();
    }
}
