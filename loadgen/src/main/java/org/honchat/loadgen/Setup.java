package org.honchat.loadgen;

import static org.honchat.loadgen.LoadGen.OUT;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.config.ConfigLoader;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.Database;
import org.honchat.server.store.NewAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code setup}: creates the accounts {@code <prefix>0 .. <prefix>N-1} in the server's store. */
@Command(name = "setup", mixinStandardHelpOptions = true, description = "Create load accounts in the store.")
final class Setup implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./data")
    String dataDir;
    @Option(names = "--accounts", required = true)
    int accounts;
    @Option(names = "--prefix", defaultValue = "lg")
    String prefix;
    @Option(names = "--password", defaultValue = "loadpw")
    String password;
    @Option(names = "--server-account", description = "also create this match-server host account (type "
            + "server, the same password), for the queue scenario")
    String serverAccount;
    @Option(names = "--buddies", defaultValue = "0",
            description = "make account i a buddy of the next K accounts, in a ring (for the presence scenario)")
    int buddies;

    /** Account i and accounts i+1 .. i+K (mod N) become buddies, so every account has 2K buddies. */
    private int befriendRing(Database db, AccountStore store) {
        long[] ids = new long[accounts];
        for (int i = 0; i < accounts; i++) {
            ids[i] = store.findByName(prefix + i).orElseThrow().id();
        }
        int made = 0;
        for (int i = 0; i < accounts; i++) {
            Set<Long> existing = db.social().buddies(ids[i]);
            for (int d = 1; d <= buddies; d++) {
                long other = ids[(i + d) % accounts];
                if (other != ids[i] && !existing.contains(other)) {
                    // as in chat: a request, then its approval (§6.7)
                    db.social().addRequest(ids[i], other, Instant.now());
                    if (db.social().approve(ids[i], other, Instant.now()).isPresent()) {
                        made++;
                    }
                }
            }
        }
        return made;
    }

    @Override
    public Integer call() {
        SecureRandom random = new SecureRandom();
        // the database the server uses: its embedded one under --data-dir, or the one HONCHAT_DATABASE_URL (and
        // _USER, _PASSWORD, _SCHEMA) names, as for a cluster
        java.util.Map<String, String> database = new java.util.HashMap<>();
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("HONCHAT_DATABASE_")) {
                database.put(key, value);
            }
        });
        try (Database db = Database.open(ConfigLoader.load(null, database).withDataDir(dataDir))) {
            AccountStore store = db.accounts();
            Set<String> existing = new HashSet<>();
            store.list().forEach(a -> existing.add(a.name()));
            List<NewAccount> missing = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                if (!existing.contains(prefix + i)) {
                    missing.add(new NewAccount(prefix + i, AccountType.REGULAR,
                            Credentials.forPassword(password, random)));
                }
            }
            if (serverAccount != null && !existing.contains(serverAccount)) {
                missing.add(new NewAccount(serverAccount, AccountType.SERVER,
                        Credentials.forPassword(password, random)));
            }
            int created = missing.isEmpty() ? 0 : store.createAll(missing, Instant.now());
            OUT.println("created " + created + " accounts (" + accounts + " wanted)");
            if (buddies > 0) {
                OUT.println("made " + befriendRing(db, store) + " new buddy pairs");
            }
        }
        return 0;
    }
}
