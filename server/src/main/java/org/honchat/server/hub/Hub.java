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
    /** I/O threads plus cluster nodes whose recipient groups are kept between sends. */
    private static final int MAX_KEPT_GROUPS = 64;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ByteBufAllocator allocator;
    private final Thread thread;
    /** Writes of this batch, per I/O thread, in order. */
    private final Map<java.util.concurrent.Executor, List<Out>> outgoing = new IdentityHashMap<>();
    /** Per I/O thread, the recipients of the send being built; emptied at the end of each send. */
    private final Map<java.util.concurrent.Executor, Recipients> recipients = new IdentityHashMap<>();
    private final Set<ChatSession> overloaded = new LinkedHashSet<>();
    private final long maxPendingBytes;
    private final long flushDelayNanos;
    private java.util.function.Consumer<ChatSession> onOverload = s -> { };
    private volatile Runnable beforeHandOver = () -> { };
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

    /**
     * Runs on the hub thread after each batch of tasks, before its output is handed to the I/O threads (cluster
     * mode: the hub's state copy is written there, so that it is in Redis before any node hears of the change).
     */
    public void beforeHandOver(Runnable hook) {
        this.beforeHandOver = hook;
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
                for (int i = 0; i < batch.size(); i++) { // no iterator per turn: the hub turns once per message
                    run(batch.get(i));
                }
                batch.clear();
                run(beforeHandOver);
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

    /**
     * One write of a hand-over: the frame to one link (a null frame closes it), or to each of several links of the
     * same I/O thread. It holds one reference to the frame whatever the number of links, so a channel message
     * costs one object and one reference count per I/O thread, not per member.
     */
    private record Out(SessionLink link, SessionLink[] links, ByteBuf frame) {
    }

    /** The links of one I/O thread that one send reaches; reused from send to send. */
    private static final class Recipients {
        SessionLink[] links = new SessionLink[16];
        int size;

        void add(SessionLink link) {
            if (size == links.length) {
                links = java.util.Arrays.copyOf(links, size * 2);
            }
            links[size++] = link;
        }

        SessionLink[] take() {
            SessionLink[] taken = java.util.Arrays.copyOf(links, size);
            java.util.Arrays.fill(links, 0, size, null);
            size = 0;
            return taken;
        }
    }

    private List<Out> outgoing(java.util.concurrent.Executor executor) {
        return outgoing.computeIfAbsent(executor, e -> new ArrayList<>());
    }

    private void queue(SessionLink link, ByteBuf frame) {
        outgoing(link.executor()).add(new Out(link, null, frame));
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
        /** Each link once per flush: a link reports its first write since its last flush. */
        final List<SessionLink> dirty = new ArrayList<>();
        boolean scheduled;

        void write(SessionLink link, ByteBuf frame) {
            if (link.writeNow(frame)) {
                dirty.add(link);
            }
        }

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
                            continue;
                        }
                        if (out.links() != null) {
                            for (SessionLink link : out.links()) {
                                pending.write(link, out.frame());
                            }
                        } else {
                            pending.write(out.link(), out.frame());
                        }
                        out.frame().release();
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

    /** Deliveries handed to the I/O threads so far (hub thread writes, anyone reads): one addition per send. */
    private volatile long delivered;

    public long delivered() {
        return delivered;
    }

    /** Sends one command to one session. */
    public void send(ChatSession to, ClientboundPacket packet) {
        if (to.closed) {
            return;
        }
        delivered++;
        written(to, FrameEncoder.encode(allocator, packet));
    }

    /** Sends one command to many sessions, encoded once. */
    public void send(Collection<ChatSession> to, ClientboundPacket packet) {
        if (to.isEmpty()) {
            return;
        }
        ByteBuf frame = FrameEncoder.encode(allocator, packet);
        try {
            // every recipient shares the one frame: the links copy its bytes without moving its indices; the
            // recipients are grouped per I/O thread, each group one write entry holding one reference
            int bytes = frame.readableBytes();
            int count = 0;
            for (ChatSession session : to) {
                if (session.closed) {
                    continue;
                }
                count++;
                SessionLink link = link(session);
                recipients.computeIfAbsent(link.executor(), e -> new Recipients()).add(link);
                link.handedOver(bytes);
                if (link.pendingBytes() > maxPendingBytes) {
                    overloaded.add(session);
                }
            }
            for (Map.Entry<java.util.concurrent.Executor, Recipients> group : recipients.entrySet()) {
                if (group.getValue().size > 0) {
                    outgoing(group.getKey()).add(new Out(null, group.getValue().take(), frame.retain()));
                }
            }
            delivered += count;
            if (recipients.size() > MAX_KEPT_GROUPS) {
                recipients.clear(); // executors come and go in a cluster (one per node): keep the map small
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
