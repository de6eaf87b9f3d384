package org.honchat.server.domain.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.honchat.protocol.serverbound.ClientConnect;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.RejectReason;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.buddy.PendingRequest;
import org.honchat.server.login.AuthHash;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.MatchmakingStore;
import org.honchat.server.store.LoginSession;
import org.honchat.server.store.SessionStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;

/** The checks of docs/protocol.md §3.4 steps 2-6, in order. Blocking (store reads): runs on a worker thread. */
public final class Authenticator {

    /** What the hub needs at login besides the account: buddies, clan, pending requests. */
    public record Profile(Set<Long> buddies, Social.Membership membership, List<PendingRequest> pending,
            long matchmakingBanUntilMillis) {

        public Profile(Set<Long> buddies, Social.Membership membership, List<PendingRequest> pending) {
            this(buddies, membership, pending, 0);
        }
    }

    /** Accepted with this account, or refused with this reason. */
    public record Verdict(Account account, Profile profile, RejectReason reject) {
        public static Verdict accept(Account account, Profile profile) {
            return new Verdict(account, profile, null);
        }

        public static Verdict reject(RejectReason reason) {
            return new Verdict(null, null, reason);
        }

        public boolean accepted() {
            return account != null;
        }
    }

    private final ServerConfig.ChatConfig config;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final SocialStore social;
    private final AuthHash authHash;
    private final Clock clock;
    private final MatchmakingStore matchmaking;

    public Authenticator(ServerConfig.ChatConfig config, AccountStore accounts, SessionStore sessions, SocialStore social,
            MatchmakingStore matchmaking, AuthHash authHash, Clock clock) {
        this.matchmaking = matchmaking;
        this.config = config;
        this.accounts = accounts;
        this.sessions = sessions;
        this.social = social;
        this.authHash = authHash;
        this.clock = clock;
    }

    public Verdict check(ClientConnect connect) {
        if (connect.protocolVersion() != ClientConnect.PROTOCOL_VERSION) {
            return Verdict.reject(RejectReason.BAD_VERSION);
        }
        if (connect.tail() instanceof ClientConnect.GameClientInfo info) {
            String required = config.requiredClientVersion();
            if (!required.isEmpty() && !required.equals(info.version())) {
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
        return Verdict.accept(account.get(), profile(account.get().id()));
    }

    private Profile profile(long accountId) {
        List<PendingRequest> pending = new ArrayList<>();
        for (Social.BuddyRequest request : social.requestsTo(accountId)) {
            accounts.findById(request.requesterId()).ifPresent(requester -> pending.add(new PendingRequest(
                    request.notificationId(), requester, social.membership(requester.id()).orElse(null))));
        }
        long ban = matchmaking.matchmakingBan(accountId).map(java.time.Instant::toEpochMilli).orElse(0L);
        return new Profile(social.buddies(accountId), social.membership(accountId).orElse(null), pending, ban);
    }
}
