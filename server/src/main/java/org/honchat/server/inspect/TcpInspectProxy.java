package org.honchat.server.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.honchat.server.inspect.FrameInspector.Direction;
import org.honchat.server.inspect.FrameInspector.Link;

/**
 * A TCP proxy that forwards every byte unchanged in both directions, at once, and hands a copy of each chunk to the
 * session's decoder after forwarding it: what the inspector sees never holds up or alters what the two ends say.
 * Two threads per proxied connection; meant for a handful of clients, not for production traffic.
 */
final class TcpInspectProxy implements AutoCloseable {

    private final InspectorSession session;
    private final Link link;
    private final ServerSocket listener;
    private final Supplier<InetSocketAddress> upstream;

    /** {@code upstream} is asked at each new connection (the login service proxy may learn the chat address). */
    TcpInspectProxy(InspectorSession session, Link link, InetSocketAddress listen, Supplier<InetSocketAddress> upstream)
            throws IOException {
        this.session = session;
        this.link = link;
        this.upstream = upstream;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen);
        Thread acceptor = new Thread(this::accept, "inspect-" + link.name().toLowerCase() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            InspectorSession.Tap tap = session.open(link);
            InetSocketAddress target = upstream.get();
            if (target == null) {
                session.note(System.currentTimeMillis(), tap.connection, link + " connection from "
                        + client.getRemoteSocketAddress() + " closed: no upstream known yet (log in through the "
                        + "login service proxy first, or give --upstream)");
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(target, 5000);
            } catch (IOException e) {
                session.note(System.currentTimeMillis(), tap.connection, link + " connection from "
                        + client.getRemoteSocketAddress() + " closed: upstream " + target + " refused (" + e.getMessage()
                        + ")");
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            session.note(System.currentTimeMillis(), tap.connection, link + " connection " + client.getRemoteSocketAddress()
                    + " -> " + target + " opened");
            AtomicInteger open = new AtomicInteger(2);
            Runnable done = () -> {
                if (open.decrementAndGet() == 0) {
                    closeQuietly(client);
                    closeQuietly(server);
                    long now = System.currentTimeMillis();
                    tap.closed(now);
                    session.note(now, tap.connection, link + " connection closed");
                }
            };
            start(client, server, tap, Direction.CLIENT_TO_SERVER, done);
            start(server, client, tap, Direction.SERVER_TO_CLIENT, done);
        }
    }

    private static void start(Socket from, Socket to, InspectorSession.Tap tap, Direction direction, Runnable done) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    tap.feed(System.currentTimeMillis(), direction, buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                done.run();
            }
        }, "inspect-" + tap.connection + "-" + direction.arrow);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
