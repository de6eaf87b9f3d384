package org.honchat.testkit.servers;

import java.io.IOException;
import org.honchat.protocol.link.ManagerPackets;

/** A server manager on port 11033 (docs/protocol.md §9.6): connects with its {@code replay_auth} cookie, reports status. */
public final class FakeManager extends LinkClient {

    private final long managerId;

    private FakeManager(String host, int port, long managerId) throws IOException {
        // §9.6: HoNfigurator does not answer pings; the chat server does not send any
        super(host, port, ManagerPackets.TO_MANAGER, false);
        this.managerId = managerId;
    }

    /** Connects and sends {@code 0x1600} with {@code protocol} (68 or 70 are accepted). */
    public static FakeManager connect(String host, int port, long managerId, String cookie, long protocol)
            throws IOException {
        FakeManager manager = new FakeManager(host, port, managerId);
        manager.send(new ManagerPackets.Connect(managerId, cookie, protocol));
        return manager;
    }

    /** {@code 0x1700} then {@code 0x1703}; returns the options. */
    public ManagerPackets.Options expectAccepted() throws InterruptedException {
        expect(ManagerPackets.Accept.class);
        return expect(ManagerPackets.Options.class);
    }

    public void status(String location) throws IOException {
        send(new ManagerPackets.Status(managerId, "testkit:", location, "fake manager", "4.10.1.0", "127.0.0.1",
                11235, false));
    }
}
