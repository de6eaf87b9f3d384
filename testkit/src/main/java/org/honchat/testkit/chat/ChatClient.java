package org.honchat.testkit.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.ServerboundPacket;
import org.honchat.protocol.clientbound.Clientbound;
import org.honchat.protocol.clientbound.PresencePackets.InitialStatus;
import org.honchat.protocol.clientbound.SessionPackets.AuthAccepted;
import org.honchat.protocol.clientbound.SessionPackets.Options;
import org.honchat.protocol.clientbound.SessionPackets.PlayerCount;
import org.honchat.protocol.types.ChatMode;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.testkit.FramedSocket;

/**
 * A chat connection over a real socket that reads what the server sends the way the 4.10 client does (docs/protocol.md
 * §2.1: strictly, command after command): a frame it could not parse fails the test that reads it. Every frame is
 * kept with its raw bytes for byte-exact assertions.
 */
public final class ChatClient extends FramedSocket {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** One frame the server sent: its bytes (length prefix included) and what it decoded to, or why not. */
    public record Frame(byte[] bytes, List<ClientboundPacket> packets, ProtocolDecodeException error) {
        public String hex() {
            return ByteBufUtil.hexDump(bytes).toUpperCase().replaceAll("(..)(?!$)", "$1 ");
        }
    }

    private static final Frame CLOSED = new Frame(new byte[0], List.of(), null);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final ArrayDeque<ClientboundPacket> pending = new ArrayDeque<>();
    private volatile long selfAccountId = -1;

    private ChatClient(String host, int port) throws IOException {
        super(host, port);
        startReading("chat-client-reader");
    }

    public static ChatClient connect(String host, int port) throws IOException {
        return new ChatClient(host, port);
    }

    /**
     * Connects and logs in as the 4.10 game client (docs/protocol.md §3.3), available, and reads the success sequence of
     * §3.7 up to the player count: {@code 0x1C00}, {@code 0xC0}, {@code 0x0B}, {@code 0x68}.
     */
    public static ChatClient gameClient(String host, int port, ChatLogin login)
            throws IOException, InterruptedException {
        ChatClient client = connect(host, port);
        client.selfAccountId(login.accountId());
        client.send(login.gameClientConnect(ChatMode.AVAILABLE, "en"));
        client.expect(AuthAccepted.class);
        client.expect(Options.class);
        client.expect(InitialStatus.class);
        client.expect(PlayerCount.class);
        return client;
    }

    /** The account this connection logged in as; the 4.10 client needs it to read {@code 0x4E} (§6.1). */
    public void selfAccountId(long accountId) {
        this.selfAccountId = accountId;
    }

    public long selfAccountId() {
        return selfAccountId;
    }

    public void send(ServerboundPacket packet) throws IOException {
        sendPacket(packet);
    }

    /** The next frame, or {@code null} if none arrived in time or the server closed the connection. */
    public Frame nextFrame(Duration wait) throws InterruptedException {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("commands of a read frame are still pending; read them with next()");
        }
        Frame frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == CLOSED) {
            frames.add(CLOSED);
            return null;
        }
        return frame;
    }

    /** The next command the server sent, or {@code null} on timeout or close. */
    public ClientboundPacket next(Duration wait) throws InterruptedException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        Frame frame = nextFrame(wait);
        if (frame == null) {
            return null;
        }
        if (frame.error() != null) {
            throw new AssertionError("the server sent a frame the 4.10 client would reject (" + frame.hex() + "): "
                    + frame.error().getMessage());
        }
        pending.addAll(frame.packets());
        return pending.poll();
    }

    /** The next command, which must be a {@code type}. */
    public <T extends ClientboundPacket> T expect(Class<T> type) throws InterruptedException {
        ClientboundPacket packet = next(DEFAULT_WAIT);
        if (packet == null) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got "
                    + (isClosedByServer() ? "a closed connection" : "nothing within " + DEFAULT_WAIT));
        }
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + packet);
        }
        return type.cast(packet);
    }

    /** Skips commands until one of {@code type} arrives. */
    public <T extends ClientboundPacket> T await(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        List<ClientboundPacket> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ClientboundPacket packet = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.isInstance(packet)) {
                return type.cast(packet);
            }
            if (packet == null) {
                break;
            }
            skipped.add(packet);
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived; skipped " + skipped);
    }

    /** Asserts the server sends nothing for {@code wait}. */
    public void expectNothing(Duration wait) throws InterruptedException {
        ClientboundPacket packet = next(wait);
        if (packet != null) {
            throw new AssertionError("expected nothing, got " + packet);
        }
    }

    /** Waits until the server closes the connection; fails if it sends anything before that. */
    public boolean awaitClose(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame == CLOSED) {
                frames.add(CLOSED);
                return true;
            }
            if (frame != null) {
                throw new AssertionError("expected the connection to close, got " + frame.hex());
            }
        }
        return false;
    }

    /** Stops reading from the socket, as a client that never reads would (the server's output piles up). */
    public void pauseReading() throws IOException {
        pause();
    }

    @Override
    protected void frame(byte[] bytes, ByteBuf body) {
        try {
            frames.add(new Frame(bytes, Clientbound.decodeFrame(body, DecodeContext.strictClient(selfAccountId)),
                    null));
        } catch (ProtocolDecodeException e) {
            frames.add(new Frame(bytes, List.of(), e));
        }
    }

    @Override
    protected void closed() {
        frames.add(CLOSED);
    }
}
