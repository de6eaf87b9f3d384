package org.honchat.server.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.netty.util.ReferenceCountUtil;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.Packet;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.core.ChatSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of chat state (ARCHITECTURE.md): one thread takes tasks from a queue in arrival order and runs
 * them; only this thread touches sessions and channels. A task that sends encodes each packet once and hands the
 * same bytes to every recipient. Writes are collected per I/O thread over a batch of tasks and handed over as one
 * task per I/O thread, which writes them in order and flushes each connection once: no task and no wake-up per
 * recipient per message.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private static final int BATCH = 1024;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ByteBufAllocator allocator;
    private final Thread thread;
    /** Writes of this batch, per I/O thread, in order; a null frame closes the link. */
    private final Map<java.util.concurrent.Executor, List<Out>> outgoing = new IdentityHashMap<>();
    private final Set<ChatSession> overloaded = new LinkedHashSet<>();
    private final long maxPendingBytes;
    private final long flushDelayNanos;
    private java.util.function.Consumer<ChatSession> onOverload = s -> { };
    private volatile boolean running = true;

    public Hub(ByteBufAllocator allocator, long maxPendingBytes) {
        this(allocator, maxPendingBytes, 0);
    }

    /**
     * @param flushDelayMicros how long an I/O thread gathers frames for its connections before it writes them
     *     ({@code limits.flushDelayMicros}); 0 writes as soon as the frames already queued there are appended
     */
    public Hub(ByteBufAllocator allocator, long maxPendingBytes, long flushDelayMicros) {
        this.allocator = allocator;
        this.maxPendingBytes = maxPendingBytes;
        this.flushDelayNanos = flushDelayMicros * 1000;
        // a Netty thread, so the pooled allocator's thread cache and Netty's recyclers serve it: on a plain thread
        // every frame it encodes takes the slow path (docs/performance.md: with per-recipient duplicates, 250 -> 155
        // MB/s of garbage at 2 million deliveries/s; recipients now share one frame)
        this.thread = new io.netty.util.concurrent.FastThreadLocalThread(this::loop, "honchat-hub");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** What to do with a session whose unread output passed the limit (after the current batch). */
    public void onOverload(java.util.function.Consumer<ChatSession> handler) {
        this.onOverload = handler;
    }

    /** Queues a task for the hub thread; callable from any thread. */
    public void execute(Runnable task) {
        queue.add(task);
    }

    private void loop() {
        List<Runnable> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Runnable first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Runnable task : batch) {
                    run(task);
                }
                batch.clear();
                flushDirty();
                closeOverloaded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // a bug in a rule: logged with its trace, and the hub keeps serving everyone else
            LOG.error("hub task failed", e);
        }
    }

    private void closeOverloaded() {
        if (!overloaded.isEmpty()) {
            List<ChatSession> slow = new ArrayList<>(overloaded);
            overloaded.clear();
            for (ChatSession session : slow) {
                run(() -> onOverload.accept(session));
            }
            flushDirty();
        }
    }

    private record Out(SessionLink link, ByteBuf frame) {
    }

    private void queue(SessionLink link, ByteBuf frame) {
        outgoing.computeIfAbsent(link.executor(), e -> new ArrayList<>()).add(new Out(link, frame));
        if (frame != null) {
            link.handedOver(frame.readableBytes());
        }
    }

    private static SessionLink link(ChatSession session) {
        return (SessionLink) session.endpoint;
    }

    private void written(ChatSession to, ByteBuf frame) {
        SessionLink link = link(to);
        queue(link, frame);
        if (link.pendingBytes() > maxPendingBytes) {
            overloaded.add(to);
        }
    }

    /**
     * The links one I/O thread wrote to and has not flushed yet; used on that thread only. The flush runs as a task
     * queued behind the write tasks already waiting there, so when the hub gets ahead of a busy I/O thread, the
     * batches that piled up are flushed together: one system call per connection for all of them. An idle
     * thread runs the flush right after the writes, so coalescing costs no latency.
     */
    private static final class PendingFlushes implements Runnable {
        final Set<SessionLink> dirty = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean scheduled;

        @Override
        public void run() {
            for (SessionLink link : dirty) {
                link.flushNow();
            }
            dirty.clear();
            scheduled = false;
        }
    }

    /** Per I/O thread, created by the hub thread, then used on that I/O thread only. */
    private final Map<java.util.concurrent.Executor, PendingFlushes> flushes = new IdentityHashMap<>();

    /**
     * Hands each I/O thread its writes of this batch as one task: write in order, then one flush per link, shared
     * with the batches already waiting on that thread ({@link PendingFlushes}).
     */
    private void flushDirty() {
        for (Map.Entry<java.util.concurrent.Executor, List<Out>> entry : outgoing.entrySet()) {
            java.util.concurrent.Executor executor = entry.getKey();
            List<Out> writes = entry.getValue();
            PendingFlushes pending = flushes.computeIfAbsent(executor, e -> new PendingFlushes());
            try {
                executor.execute(() -> {
                    for (Out out : writes) {
                        if (out.frame() == null) {
                            out.link().closeNow();
                        } else {
                            out.link().writeNow(out.frame());
                            pending.dirty.add(out.link());
                        }
                    }
                    if (!pending.scheduled) {
                        pending.scheduled = true;
                        try {
                            if (flushDelayNanos > 0 && executor instanceof ScheduledExecutorService timed) {
                                // more frames per write and system call, for at most this much latency
                                timed.schedule(pending, flushDelayNanos, TimeUnit.NANOSECONDS);
                            } else {
                                executor.execute(pending);
                            }
                        } catch (java.util.concurrent.RejectedExecutionException stopping) {
                            pending.run(); // the I/O thread is stopping: flush now
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                writes.forEach(out -> ReferenceCountUtil.release(out.frame()));
            }
        }
        outgoing.clear();
    }

    /** Sends one command to one session. */
    public void send(ChatSession to, ClientboundPacket packet) {
        if (to.closed) {
            return;
        }
        written(to, FrameEncoder.encode(allocator, packet));
    }

    /** Sends one command to many sessions, encoded once. */
    public void send(Collection<ChatSession> to, ClientboundPacket packet) {
        if (to.isEmpty()) {
            return;
        }
        ByteBuf frame = FrameEncoder.encode(allocator, packet);
        try {
            // every recipient shares the one frame: the links copy its bytes without moving its indices and
            // release their reference, so no duplicate object is made per recipient
            for (ChatSession session : to) {
                if (!session.closed) {
                    written(session, frame.retain());
                }
            }
        } finally {
            frame.release();
        }
    }

    /** §1.4 rule 2: the clan-creation pair in one frame. */
    public void sendCombined(ChatSession to, Packet... packets) {
        if (to.closed) {
            return;
        }
        ByteBuf frame = allocator.buffer();
        FrameEncoder.writeCombined(frame, packets);
        written(to, frame);
    }

    /** Flushes what this session was sent, then closes it (in order with its writes). */
    public void close(ChatSession session) {
        queue(link(session), null);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
