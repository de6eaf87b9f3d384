package org.honchat.testkit.servers;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.link.LinkPacket;
import org.honchat.protocol.link.LinkPing;
import org.honchat.protocol.link.LinkPong;
import org.honchat.protocol.wire.DecodeContext;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.protocol.wire.PacketRegistry;

/**
 * The client end of a server link (PROTOCOL.md §9.5, §9.6): a blocking socket, one reader thread that answers
 * pings at once (as S2's match server needs, §9.5.8) and queues every other frame, decoded strictly, with its bytes.
 */
public class LinkClient implements AutoCloseable {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** One frame the chat server sent: its bytes (length included) and its command, or why it did not decode. */
    public record Frame(byte[] bytes, LinkPacket packet, ProtocolDecodeException error) {
        public String hex() {
            return ByteBufUtil.hexDump(bytes).toUpperCase().replaceAll("(..)(?!$)", "$1 ");
        }
    }

    private static final Frame CLOSED = new Frame(new byte[0], null, null);

    private final Socket socket;
    private final OutputStream out;
    private final PacketRegistry<LinkPacket> inbound;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final boolean answerPings;
    private volatile Consumer<Frame> listener;
    private volatile boolean closedByServer;

    public LinkClient(String host, int port, PacketRegistry<LinkPacket> inbound, boolean answerPings)
            throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.inbound = inbound;
        this.answerPings = answerPings;
        Thread reader = new Thread(this::read, "link-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** From now on frames go to {@code listener} on the reader thread instead of the queue. */
    public void onFrame(Consumer<Frame> listener) {
        this.listener = listener;
    }

    public synchronized void send(LinkPacket packet) throws IOException {
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

    /** The next frame, or {@code null} on timeout or close. */
    public Frame nextFrame(Duration wait) throws InterruptedException {
        Frame frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == CLOSED) {
            frames.add(CLOSED);
            return null;
        }
        return frame;
    }

    /** The next command, which must be a {@code type}. */
    public <T extends LinkPacket> T expect(Class<T> type) throws InterruptedException {
        Frame frame = nextFrame(DEFAULT_WAIT);
        if (frame == null) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got "
                    + (closedByServer ? "a closed connection" : "nothing within " + DEFAULT_WAIT));
        }
        if (frame.error() != null) {
            throw new AssertionError("undecodable frame " + frame.hex() + ": " + frame.error().getMessage());
        }
        if (!type.isInstance(frame.packet())) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + frame.packet());
        }
        return type.cast(frame.packet());
    }

    /** Whether the chat server closed the connection within {@code wait}. */
    public boolean awaitClose(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            if (closedByServer) {
                return true;
            }
            Thread.sleep(20);
        }
        return closedByServer;
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
            while ((n = in.read(chunk)) >= 0) {
                cumulation.writeBytes(chunk, 0, n);
                ByteBuf body;
                while ((body = decoder.readFrame(cumulation)) != null) {
                    Frame frame = decode(body);
                    if (answerPings && frame.packet() instanceof LinkPing) {
                        send(LinkPong.INSTANCE);
                        continue;
                    }
                    Consumer<Frame> current = listener;
                    if (current != null) {
                        current.accept(frame);
                    } else {
                        frames.add(frame);
                    }
                }
                cumulation.discardReadBytes();
            }
        } catch (SocketException closed) {
            // closed locally or reset by the server
        } catch (IOException | ProtocolDecodeException e) {
            // surfaces as a closed connection
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
                return new Frame(bytes, inbound.decode(body, DecodeContext.STRICT).packet(), null);
            } catch (ProtocolDecodeException e) {
                return new Frame(bytes, null, e);
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
