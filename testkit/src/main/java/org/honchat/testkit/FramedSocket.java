package org.honchat.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import org.honchat.protocol.Packet;
import org.honchat.protocol.ProtocolDecodeException;
import org.honchat.protocol.wire.FrameDecoder;
import org.honchat.protocol.wire.FrameEncoder;

/**
 * A blocking socket that speaks the frames of docs/protocol.md §1.1 (the chat port and the server links alike): writes
 * whole frames, and a reader thread cuts what arrives into frames and hands each to {@link #frame}, with its raw
 * bytes for byte-exact assertions. The clients of the test kit are built on it.
 */
public abstract class FramedSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private volatile boolean closedByServer;
    private volatile boolean paused;

    protected FramedSocket(String host, int port) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
    }

    /** Starts the reader; a subclass calls it once, when its own fields are ready for {@link #frame}. */
    protected final void startReading(String threadName) {
        Thread reader = new Thread(this::read, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * One frame arrived: {@code bytes} with its length prefix, {@code body} its id and payload (released by the
     * caller afterwards). Reader thread.
     */
    protected abstract void frame(byte[] bytes, ByteBuf body);

    /** The server closed the connection (or it failed): nothing more arrives. Reader thread. */
    protected abstract void closed();

    /** Writes one command in its own frame. */
    protected void sendPacket(Packet packet) throws IOException {
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

    /** Stops reading from the socket, as a client that never reads would (the server's output piles up). */
    protected void pause() throws IOException {
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
                    try {
                        byte[] bytes = new byte[body.readableBytes() + 2];
                        bytes[0] = (byte) body.readableBytes();
                        bytes[1] = (byte) (body.readableBytes() >> 8);
                        body.getBytes(body.readerIndex(), bytes, 2, body.readableBytes());
                        frame(bytes, body);
                    } finally {
                        body.release();
                    }
                }
                cumulation.discardReadBytes();
            }
        } catch (SocketException closedHere) {
            // closed locally or reset by the server
        } catch (IOException | ProtocolDecodeException e) {
            // surfaces as a closed connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cumulation.release();
            closedByServer = true;
            closed();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
