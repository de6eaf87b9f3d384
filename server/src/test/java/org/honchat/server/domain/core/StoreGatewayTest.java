package org.honchat.server.domain.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.InMemoryStores;
import org.honchat.server.store.Credentials;
import org.junit.jupiter.api.Test;

class StoreGatewayTest {

    /** Workers that run nothing until told. */
    private static final class HeldWorkers implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    /** Counts the batches of last-seen times it is asked to write. */
    private static final class CountingStores extends InMemoryStores {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public synchronized void recordLastSeen(Map<Long, Instant> times) {
            batches.add(times.size());
            super.recordLastSeen(times);
        }
    }

    @Test
    void aBurstOfDisconnectsIsOneWriteAndCloseWritesWhatIsLeft() {
        CountingStores stores = new CountingStores();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            ids.add(stores.create("user" + i, AccountType.REGULAR, new Credentials("s", "p"), Instant.EPOCH).id());
        }
        HeldWorkers workers = new HeldWorkers();
        StoreGateway store = new StoreGateway(stores, null, stores, workers, StoreGateway.writerThread(),
                Runnable::run);
        Instant when = Instant.parse("2026-11-24T12:00:00Z");
        ids.forEach(id -> store.recordLastSeen(id, when));
        assertThat(workers.tasks).as("one task for the whole burst").hasSize(1);
        workers.tasks.poll().run();
        // at most LAST_SEEN_BATCH per task; the rest queued behind whatever came meanwhile
        assertThat(stores.batches).containsExactly(StoreGateway.LAST_SEEN_BATCH);
        assertThat(workers.tasks).hasSize(1);
        workers.tasks.poll().run();
        assertThat(stores.batches).containsExactly(StoreGateway.LAST_SEEN_BATCH, 500);
        assertThat(workers.tasks).isEmpty();
        assertThat(ids).allSatisfy(id -> assertThat(stores.findById(id).orElseThrow().lastSeen()).isEqualTo(when));

        // a later one, its task never run: written at close
        store.recordLastSeen(ids.get(0), when.plusSeconds(60));
        store.close();
        assertThat(stores.batches).containsExactly(StoreGateway.LAST_SEEN_BATCH, 500, 1);
        assertThat(stores.findById(ids.get(0)).orElseThrow().lastSeen()).isEqualTo(when.plusSeconds(60));
    }
}
