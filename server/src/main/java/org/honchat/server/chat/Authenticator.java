package org.honchat.server.chat;

import java.time.Clock;
import java.util.Optional;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.RejectReason;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.login.AuthHash;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.LoginSession;
import org.honchat.server.store.SessionStore;

/** The checks of PROTOCOL.md §3.4 steps 2-6, in order. Blocking (store reads): runs on a worker thread. */
final class Authenticator {

    /** Accepted with this account, or refused with this reason. */
    record Verdict(Account account, RejectReason reject) {
        static Verdict accept(Account account) {
            return new Verdict(account, null);
        }

        static Verdict reject(RejectReason reason) {
            return new Verdict(null, reason);
        }

        boolean accepted() {
            return account != null;
        }
    }

    private final ServerConfig.ChatConfig config;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final AuthHash authHash;
    private final Clock clock;

    Authenticator(ServerConfig.ChatConfig config, AccountStore accounts, SessionStore sessions, AuthHash authHash,
            Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.sessions = sessions;
        this.authHash = authHash;
        this.clock = clock;
    }

    Verdict check(ClientConnect connect) {
        if (connect.protocolVersion() != ClientConnect.PROTOCOL_VERSION) {
            return Verdict.reject(RejectReason.BAD_VERSION);
        }
        if (connect.tail() instanceof ClientConnect.GameClientInfo) {
            String required = config.requiredClientVersion();
            if (!required.isEmpty()
                    && !required.equals(((ClientConnect.GameClientInfo) connect.tail()).version())) {
                return Verdict.reject(RejectReason.BAD_VERSION);
            }
        } else if (!config.allowLegacyClients()) {
            return Verdict.reject(RejectReason.BAD_VERSION);
        }
        if (connect.cookie().isEmpty()) {
            return Verdict.reject(RejectReason.AUTH_FAILED);
        }
        Optional<LoginSession> session = sessions.find(connect.cookie());
        if (session.isEmpty() || !session.get().validAt(clock.instant())
                || session.get().accountId() != connect.accountId()) {
            return Verdict.reject(RejectReason.AUTH_FAILED);
        }
        if (!authHash.matches(connect.accountId(), connect.ip(), connect.cookie(), connect.authHash())) {
            return Verdict.reject(RejectReason.AUTH_FAILED);
        }
        Optional<Account> account = accounts.findById(connect.accountId());
        if (account.isEmpty()) {
            return Verdict.reject(RejectReason.AUTH_FAILED);
        }
        AccountType type = account.get().type();
        if (type == AccountType.DISABLED || type == AccountType.SERVER) {
            return Verdict.reject(RejectReason.UNKNOWN);
        }
        return Verdict.accept(account.get());
    }
}
