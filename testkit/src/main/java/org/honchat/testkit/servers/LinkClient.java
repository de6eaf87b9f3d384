package org.honchat.testkit.servers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
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
import org.honchat.protocol.wire.PacketRegistry;
import org.honchat.testkit.FramedSocket;

/**
 * The client end of a server link (docs/protocol.md §9.5, §9.6): a blocking socket, one reader thread that answers
 * pings at once (as S2's match server needs, §9.5.8) and queues every other frame, decoded strictly, with its bytes.
 */
public class LinkClient extends FramedSocket {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** One frame the chat server sent: its bytes (length included) and its command, or why it did not decode. */
    public record Frame(byte[] bytes, LinkPacket packet, ProtocolDecodeException error) {
        public String hex() {
            return ByteBufUtil.hexDump(bytes).toUpperCase().replaceAll("(..)(?!$)", "$1 ");
        }
    }

    private static final Frame CLOSED = new Frame(new byte[0], null, null);

    private final PacketRegistry<LinkPacket> inbound;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final boolean answerPings;
    private volatile Consumer<Frame> listener;

    public LinkClient(String host, int port, PacketRegistry<LinkPacket> inbound, boolean answerPings)
            throws IOException {
        super(host, port);
        this.inbound = inbound;
        this.answerPings = answerPings;
        startReading("link-client-reader");
    }

    /** From now on frames go to {@code listener} on the reader thread instead of the queue. */
    public void onFrame(Consumer<Frame> listener) {
        this.listener = listener;
    }

    public void send(LinkPacket packet) throws IOException {
        sendPacket(packet);
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
                    + (isClosedByServer() ? "a closed connection" : "nothing within " + DEFAULT_WAIT));
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
            if (isClosedByServer()) {
                return true;
            }
            Thread.sleep(20);
        }
        return isClosedByServer();
    }

    @Override
    protected void frame(byte[] bytes, ByteBuf body) {
        Frame frame;
        try {
            frame = new Frame(bytes, inbound.decode(body, DecodeContext.STRICT).packet(), null);
        } catch (ProtocolDecodeException e) {
            frame = new Frame(bytes, null, e);
        }
        if (answerPings && frame.packet() instanceof LinkPing) {
            try {
                send(LinkPong.INSTANCE);
            } catch (IOException closing) {
                // the reader sees the close next
            }
            return;
        }
        Consumer<Frame> current = listener;
        if (current != null) {
            current.accept(frame);
        } else {
            frames.add(frame);
        }
    }

    @Override
    protected void closed() {
        frames.add(CLOSED);
    }
}
