package org.honchat.server.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.honchat.server.HonchatServer;
import org.honchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code honchat serve}: runs the server until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server (login service and chat).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Login service port (default 8080).")
    Integer httpPort;

    @Option(names = "--chat-port", paramLabel = "PORT", description = "Chat port (default 11031).")
    Integer chatPort;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Admin port with /metrics (default 8081, loopback only).")
    Integer adminPort;

    @Option(names = "--match-server-port", paramLabel = "PORT",
            description = "Port match servers connect to (default 11032).")
    Integer matchServerPort;

    @Option(names = "--manager-port", paramLabel = "PORT",
            description = "Port server managers connect to (default 11033).")
    Integer managerPort;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = common.config();
        if (httpPort != null) {
            config = config.with("http.port", String.valueOf(httpPort));
        }
        if (adminPort != null) {
            config = config.with("admin.port", String.valueOf(adminPort));
        }
        if (matchServerPort != null) {
            config = config.with("matchserver.port", String.valueOf(matchServerPort));
        }
        if (managerPort != null) {
            config = config.with("manager.port", String.valueOf(managerPort));
        }
        if (chatPort != null) {
            config = config.with("chat.clientPort", String.valueOf(chatPort));
        }
        ServerConfig settings = config;
        HonchatServer server = HonchatServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        long grace = config.limits().shutdownSeconds() * 1000L + 2000;
        Runnable stop = () -> {
            // stop accepting, close sessions cleanly, flush the store, then exit 0 within the grace time
            Thread closer = new Thread(server::close, "honchat-close");
            closer.start();
            try {
                closer.join(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                LOG.warn("the stop took longer than limits.shutdownSeconds ({} s) and 2 s more: exiting now",
                        settings.limits().shutdownSeconds());
            }
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        };
        // SIGTERM and SIGINT are handled here rather than in a shutdown hook, so the stop runs before the JVM's
        // shutdown (where H2 closes its database by itself and last writes would be refused). Any number of them
        // run one stop: the first starts it, the others are noted and change nothing.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> {
                if (stopping.compareAndSet(false, true)) {
                    LOG.info("SIG{} received: stopping", received.getName());
                    new Thread(stop, "honchat-stop").start();
                } else {
                    LOG.info("SIG{} received: already stopping", received.getName());
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() > 0) {
                server.close(); // any other way out (System.exit elsewhere, SIGHUP): best effort
            }
        }, "honchat-shutdown"));
        stopped.await();
        return 0;
    }
}
