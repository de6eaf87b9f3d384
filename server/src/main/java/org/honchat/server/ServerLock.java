package org.honchat.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.honchat.server.config.ConfigException;
import org.honchat.server.config.DataDirectory;

/**
 * One server per data directory: {@code serve} holds an exclusive lock on {@link #FILE} for its whole life and
 * writes into it who it is (pid and ports), so a second {@code serve} there stops with one line naming the first.
 * The operating system drops the lock when the process dies, so a killed server leaves nothing to clean up.
 *
 * <p>POSIX record locks belong to the process and vanish when any descriptor of the file closes, so a process that
 * holds the lock never opens the file a second time: it remembers its own locks here.
 */
public final class ServerLock implements AutoCloseable {

    public static final String FILE = "serve.lock";

    private static final Map<Path, ServerLock> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the data directory's lock, or fails naming the server that holds it. */
    public static ServerLock acquire(Path dataDir) {
        Path file;
        try {
            file = DataDirectory.create(dataDir).toRealPath().resolve(FILE);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        ServerLock ours = HELD.get(file);
        if (ours != null) {
            throw new ConfigException(runningMessage(dataDir, ours.description()));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = read(channel);
                channel.close();
                throw new ConfigException(runningMessage(dataDir, holder));
            }
            ServerLock held = new ServerLock(file, channel, lock);
            HELD.put(file, held);
            held.describe("pid " + ProcessHandle.current().pid() + ", starting");
            return held;
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new ConfigException(runningMessage(dataDir, "this process"));
        } catch (IOException e) {
            close(channel);
            throw new ConfigException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Who holds the lock of {@code dataDir} ("pid 4242, chat port 11031, ..."), or empty when no server runs there.
     * For commands that must not run beside a server (restore, database copy).
     */
    public static Optional<String> holder(Path dataDir) {
        Path file;
        try {
            file = dataDir.toRealPath().resolve(FILE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        ServerLock ours = HELD.get(file);
        if (ours != null) {
            return Optional.of(ours.description());
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return Optional.of(read(channel));
        } catch (OverlappingFileLockException e) {
            return Optional.of("this process");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records what a second process should be told about this server (its pid and ports). */
    public synchronized void describe(String description) {
        try {
            byte[] bytes = (description + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock is what counts; the description only makes the refusal friendlier
        }
    }

    private synchronized String description() {
        try {
            return read(channel);
        } catch (IOException e) {
            return "this process";
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        int n = channel.read(buffer, 0);
        String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that is starting" : text;
    }

    private static String runningMessage(Path dataDir, String holder) {
        return "a server is already running on the data directory " + dataDir + " (" + holder + ")";
    }

    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it all the same
        }
        close(channel);
        HELD.remove(file);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
