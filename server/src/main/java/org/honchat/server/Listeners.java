package org.honchat.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.ServerConfig;

/**
 * Every port {@code serve} listens on, with the setting and flag that choose it (README "Listeners"). All are
 * checked before the first one starts, so a port in use stops the start with one line that says which, and nothing
 * is left listening.
 */
final class Listeners {

    /** One listener: what it is for, where it binds, and how an operator moves it. */
    record Listener(String name, String bindAddress, int port, String setting, String flag) {

        /** Runs {@code bind}; a failure becomes one line naming this listener, its port, setting and flag. */
        void bind(Bind bind) throws InterruptedException {
            try {
                bind.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw refusal(e);
            }
        }

        ConfigException refusal(Exception e) {
            String why = addressInUse(e) ? "the port is in use (another server on this machine?)"
                    : String.valueOf(e.getMessage());
            return new ConfigException("the " + name + " cannot listen on " + bindAddress + ":" + port + ": " + why
                    + "; choose another port with " + setting + (flag.isEmpty() ? "" : " or " + flag), e);
        }
    }

    /** A listener's start, which may fail to bind. */
    interface Bind {
        void run() throws Exception;
    }

    private Listeners() {
    }

    static Listener chat(ServerConfig c) {
        return new Listener("chat listener", c.chat().bindAddress(), c.chat().clientPort(), "chat.clientPort",
                "--chat-port");
    }

    static Listener login(ServerConfig c) {
        return new Listener("login service", c.http().bindAddress(), c.http().port(), "http.port", "--http-port");
    }

    static Listener admin(ServerConfig c) {
        return new Listener("admin port", c.admin().bindAddress(), c.admin().port(), "admin.port", "--admin-port");
    }

    static Listener matchServers(ServerConfig c) {
        return new Listener("match-server link", c.matchserver().bindAddress(), c.matchserver().port(),
                "matchserver.port", "--match-server-port");
    }

    static Listener managers(ServerConfig c) {
        return new Listener("manager link", c.manager().bindAddress(), c.manager().port(), "manager.port",
                "--manager-port");
    }

    static List<Listener> all(ServerConfig c) {
        return List.of(chat(c), login(c), admin(c), matchServers(c), managers(c));
    }

    /** Binds and releases each fixed port once: the first one taken stops the start, before anything listens. */
    static void checkFree(ServerConfig config) {
        for (Listener listener : all(config)) {
            if (listener.port() == 0) {
                continue; // a free port is picked at bind time
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true); // as the listeners themselves: a port in TIME_WAIT is free
                probe.bind(new InetSocketAddress(listener.bindAddress(), listener.port()));
            } catch (IOException e) {
                throw listener.refusal(e);
            }
        }
    }

    private static boolean addressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // java.net and Netty's native transport both say "Address already in use" (EADDRINUSE)
            if (t.getMessage() != null && t.getMessage().contains("already in use")) {
                return true;
            }
        }
        return false;
    }
}
