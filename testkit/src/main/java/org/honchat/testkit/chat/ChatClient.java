package org.honchat.testkit.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
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
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;

/**
 * A chat connection over a real socket that reads what the server sends the way the 4.10 client does (PROTOCOL.md
 * §2.1: strictly, command after command): a frame it could not parse fails the test that reads it. Every frame is
 * kept with its raw bytes for byte-exact assertions.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** One frame the server sent: its bytes (length prefix included) and what it decoded to, or why not. */
    public record Frame(byte[] bytes, List<ClientboundPacket> packets, ProtocolDecodeException error) {
        public String hex() {
            return ByteBufUtil.hexDump(bytes).toUpperCase().replaceAll("(..)(?!$)", "$1 ");
        }
    }

    private static final Frame CLOSED = new Frame(new byte[0], List.of(), null);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final ArrayDeque<ClientboundPacket> pending = new ArrayDeque<>();
    private final Thread reader;
    private volatile long selfAccountId = -1;
    private volatile boolean closedByServer;
    private volatile boolean paused;

    private ChatClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::read, "chat-client-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static ChatClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setTcpNoDelay(true);
        return new ChatClient(socket);
    }

    /** The account this connection logged in as; the 4.10 client needs it to read {@code 0x4E} (§6.1). */
    public void selfAccountId(long accountId) {
        this.selfAccountId = accountId;
    }

    public long selfAccountId() {
        return selfAccountId;
    }

    public void send(ServerboundPacket packet) throws IOException {
        ByteBuf frame = Unpooled.buffer();
        try {
            FrameEncoder.write(frame, packet);
            sendRaw(ByteBufUtil.getBytes(frame));
        } finally {
            frame.release();
        }
    }

    public synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
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
                    + (closedByServer ? "a closed connection" : "nothing within " + DEFAULT_WAIT));
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
        socket.setReceiveBufferSize(4096);
        paused = true;
    }

    public boolean isClosedByServer() {
        return closedByServer;
    }

    private void read() {
        FrameDecoder decoder = new FrameDecoder(0xFFFF);
        ByteBuf cumulation = Unpooled.buffer();
        byte[] chunk = new byte[16384];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while (true) {
                while (paused) {
                    Thread.sleep(50);
                }
                if ((n = in.read(chunk)) < 0) {
                    break;
                }
                cumulation.writeBytes(chunk, 0, n);
                ByteBuf body;
                while ((body = decoder.readFrame(cumulation)) != null) {
                    frames.add(decode(body));
                }
                cumulation.discardReadBytes();
            }
        } catch (SocketException closed) {
            // closed locally or reset by the server
        } catch (IOException | ProtocolDecodeException e) {
            // surfaces as a closed connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cumulation.release();
            closedByServer = true;
            frames.add(CLOSED);
        }
    }

    private Frame decode(ByteBuf body) {
        try {
            byte[] bytes = new byte[body.readableBytes() + 2];
            bytes[0] = (byte) body.readableBytes();
            bytes[1] = (byte) (body.readableBytes() >> 8);
            body.getBytes(body.readerIndex(), bytes, 2, body.readableBytes());
            try {
                return new Frame(bytes, Clientbound.decodeFrame(body, DecodeContext.strictClient(selfAccountId)),
                        null);
            } catch (ProtocolDecodeException e) {
                return new Frame(bytes, List.of(), e);
            }
        } finally {
            body.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
