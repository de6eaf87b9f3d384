package org.honchat.server.login;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.cluster.RedisCoordinator;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.MatchmakingStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.LoginSession;
import org.honchat.server.store.SessionStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of {@code /client_requester.php} (docs/protocol.md §8): {@code auth}, {@code pre_auth} +
 * {@code srpAuth}, {@code logout}. Blocking (store access, SRP arithmetic): callers run it on a worker thread.
 *
 * <p>Failed logins are limited per account name and per client IP. Unknown and known names cost the same work and
 * get the same text, so neither timing nor text tells whether a name exists.
 */
public final class LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    static final String FAILURE = "a:2:{i:0;b:0;s:4:\"auth\";s:29:\"Invalid Nickname or Password.\";}";
    static final String DISABLED_TEXT = "This account has been disabled.";
    static final String UNKNOWN_FUNCTION = "a:1:{i:0;b:0;}";
    static final String LOGOUT_OK = "a:2:{i:0;b:1;s:12:\"client_disco\";s:2:\"OK\";}";

    /** Longest accepted hex for A: N is 256 bytes. */
    private static final int MAX_A_HEX = 2 * Srp.WIDTH;

    private final ServerConfig config;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final SocialStore social;
    private final AuthHash authHash;
    private final SecureRandom random;
    private final Clock clock;
    private final FailureLimiter byName;
    private final FailureLimiter byIp;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Credentials decoy;
    private volatile Consumer<String> logoutListener = cookie -> { };
    private volatile LoginOutcomes outcomes = (outcome, login, address) -> { };
    private volatile InetSocketAddress chatListener;
    private volatile Supplier<InetSocketAddress> placement = () -> null;
    private final SocialFunctions socialFunctions;
    private final AccountLists lists;
    private final ServerRequester serverRequester;

    private record Pending(long accountId, Srp.Challenge challenge, Instant expires) {
    }

    public LoginService(ServerConfig config, AccountStore accounts, SessionStore sessions, SocialStore social,
            MatchmakingStore matchmaking, AuthHash authHash, SecureRandom random, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.sessions = sessions;
        this.social = social;
        this.authHash = authHash;
        this.random = random;
        this.clock = clock;
        ServerConfig.RateLimitConfig limits = config.login().rateLimit();
        this.byName = new FailureLimiter(limits.failuresPerName(), limits.windowSeconds() * 1000L, clock);
        this.byIp = new FailureLimiter(limits.failuresPerIp(), limits.windowSeconds() * 1000L, clock);
        byte[] decoyPassword = new byte[16];
        random.nextBytes(decoyPassword);
        this.decoy = Credentials.forPassword(HexFormat.of().formatHex(decoyPassword), random);
        LoginCookies cookies = new LoginCookies(accounts, sessions, clock);
        this.socialFunctions = new SocialFunctions(accounts, cookies, social, clock);
        this.lists = new AccountLists(accounts, cookies, social, config);
        this.serverRequester = new ServerRequester(config, accounts, sessions, social, matchmaking, random, clock,
                () -> chatAddress(new LoginRequest(Map.of(), Map.of(), "", "127.0.0.1", false)).host());
    }

    /** Answers one request to {@code /server_requester.php} (§9.7): match servers and managers. */
    public String handleServer(LoginRequest request) {
        return serverRequester.handle(request);
    }

    /** The ports the match-server and manager listeners run on, named in {@code new_session}/{@code replay_auth}. */
    /** Cluster mode: match servers and managers are sent to the node that holds the hub (docs/cluster.md). */
    public void serversToHubNode(Supplier<RedisCoordinator.NodeInfo> hub) {
        serverRequester.serversToHubNode(hub);
    }

    public void linkPorts(int matchServer, int manager) {
        serverRequester.linkPorts(matchServer, manager);
    }

    /** Called with the cookie of every {@code f=logout}, so the chat server can close that session (§8.7). */
    public void onLogout(Consumer<String> listener) {
        this.logoutListener = listener;
    }

    /** Hears every login's outcome, the name it tried and the client's address. */
    @FunctionalInterface
    public interface LoginOutcomes {
        void accept(String outcome, String login, String address);
    }

    /** Told the outcome of every login (accepted, wrong_credentials, disabled, rate_limited), for the metrics. */
    public void onLoginOutcome(LoginOutcomes listener) {
        this.outcomes = listener;
    }

    /** Answers one request; the result is the PHP-serialized body. */
    public String handle(LoginRequest request) {
        switch (request.param("f")) {
            case "auth":
                return auth(request);
            case "pre_auth":
                return preAuth(request);
            case "srpAuth":
                return srpAuth(request);
            case "logout":
                return logout(request);
            case "remove_buddy2":
                return socialFunctions.removeBuddy(request);
            case "set_rank":
                return socialFunctions.setRank(request);
            case "clan_list":
                return socialFunctions.clanList(request);
            case "nick2id":
                return socialFunctions.nickToId(request);
            case "new_buddy":
                return socialFunctions.newBuddy(request);
            case "remove_buddy":
                return socialFunctions.removeBuddyOfHonpurple(request);
            case "get_all_stats":
                return socialFunctions.allStats(request);
            case "add_room":
                return lists.addRoom(request);
            case "remove_room":
                return lists.removeRoom(request);
            case "clear_rooms":
                return lists.clearRooms(request);
            case "new_ignored":
                return lists.newIgnored(request);
            case "remove_ignored":
                return lists.removeIgnored(request);
            default:
                return UNKNOWN_FUNCTION;
        }
    }

    /** §8.4: {@code password} is the lower-case hex MD5 of the password. */
    private String auth(LoginRequest request) {
        String login = request.param("login");
        if (limited(login, request.clientIp())) {
            outcomes.accept("rate_limited", login, request.clientIp());
            return FAILURE;
        }
        Optional<Account> account = accounts.findByName(login);
        // the same store reads for unknown names, so the answer takes as long either way
        Credentials stored = accounts.credentials(account.map(Account::id).orElse(-1L)).orElse(decoy);
        boolean match = stored.matchesMd5(request.param("password"));
        if (account.isEmpty() || !match) {
            return failed(login, request.clientIp());
        }
        if (account.get().type() == AccountType.DISABLED) {
            outcomes.accept("disabled", login, request.clientIp());
            return failure(DISABLED_TEXT);
        }
        return success(account.get(), request, null);
    }

    /** §8.5 pre_auth. */
    private String preAuth(LoginRequest request) {
        String login = request.param("login");
        if (limited(login, request.clientIp())) {
            outcomes.accept("rate_limited", login, request.clientIp());
            return FAILURE;
        }
        Optional<Account> account = accounts.findByName(login);
        boolean usable = account.isPresent() && account.get().type() != AccountType.DISABLED;
        Optional<Credentials> found = accounts.credentials(account.map(Account::id).orElse(-1L));
        Credentials stored = usable ? found.orElse(decoy) : decoy;
        BigInteger a = parseHex(request.param("A"), MAX_A_HEX);
        byte[] identity = login.getBytes(StandardCharsets.UTF_8);
        Srp.XForm form = Srp.XForm.FULL;
        if (request.functionInBody() && !request.params().containsKey("SysInfo")
                && Srp.innerDigestHasLeadingZero(identity, stored.srpPassword())) {
            // pyHoNBot, the only client that puts f in the body (§8.1), drops this zero byte in x
            form = Srp.XForm.STRIPPED;
        }
        // the challenge is computed for unknown names too, so the answer takes as long either way
        Srp.Challenge challenge = Srp.challenge(identity, stored.srpPassword(), a == null ? BigInteger.ONE : a, form,
                random);
        if (!usable) {
            return failed(login, request.clientIp());
        }
        if (a == null || challenge == null) {
            return FAILURE;
        }
        Instant expires = clock.instant().plusSeconds(config.login().srpPendingSeconds());
        pending.put(AccountNames.key(login), new Pending(account.get().id(), challenge, expires));
        return new Php.Array().put(0, true)
                .put("salt", HexFormat.of().formatHex(challenge.salt()))
                .put("salt2", stored.salt2())
                .put("B", evenHex(challenge.bigB()))
                .put("vested_threshold", 5)
                .serialize();
    }

    /** §8.5 srpAuth. */
    private String srpAuth(LoginRequest request) {
        String login = request.param("login");
        if (limited(login, request.clientIp())) {
            outcomes.accept("rate_limited", login, request.clientIp());
            return FAILURE;
        }
        Pending state = pending.remove(AccountNames.key(login));
        if (state == null || !clock.instant().isBefore(state.expires())) {
            return failed(login, request.clientIp());
        }
        byte[] proof = proofBytes(request.param("proof"));
        byte[] serverProof = proof == null ? null : Srp.verify(state.challenge(), proof);
        if (serverProof == null) {
            return failed(login, request.clientIp());
        }
        Optional<Account> account = accounts.findById(state.accountId());
        if (account.isEmpty() || account.get().type() == AccountType.DISABLED) {
            outcomes.accept("disabled", login, request.clientIp());
            return FAILURE;
        }
        return success(account.get(), request, HexFormat.of().formatHex(serverProof));
    }

    /** §8.7. */
    private String logout(LoginRequest request) {
        String cookie = request.param("cookie");
        if (!cookie.isEmpty() && sessions.delete(cookie)) {
            logoutListener.accept(cookie);
        }
        return LOGOUT_OK;
    }

    private String success(Account account, LoginRequest request, String serverProof) {
        outcomes.accept("accepted", account.name(), request.clientIp());
        Instant now = clock.instant();
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String cookie = HexFormat.of().formatHex(raw);
        LoginSession session = new LoginSession(cookie, account.id(), request.clientIp(), now,
                now.plusSeconds(config.login().cookieTtlSeconds()));
        sessions.create(session);
        LOG.debug("login of account {} from {}", account.id(), request.clientIp());
        return LoginReply.build(account, session, authHash.compute(account.id(), request.clientIp(), cookie),
                chatAddress(request), config, serverProof, socialOf(account)).serialize();
    }

    private LoginReply.Social socialOf(Account account) {
        List<LoginReply.Buddy> buddies = new ArrayList<>();
        for (long id : new java.util.TreeSet<>(social.buddies(account.id()))) {
            accounts.findById(id).ifPresent(buddy -> buddies.add(new LoginReply.Buddy(id, buddy.name(),
                    social.membership(id).map(m -> m.clan().tag()).orElse(""))));
        }
        Optional<Social.Membership> membership = social.membership(account.id());
        List<Social.ClanMember> roster = membership.map(m -> social.members(m.clan().id())).orElse(List.of());
        long creator = membership.map(m -> social.clanCreator(m.clan().id())).orElse(0L);
        return new LoginReply.Social(buddies, membership.orElse(null), roster, creator,
                lists.chatrooms(account.id(), membership.orElse(null)), lists.ignoredList(account.id()));
    }


    /**
     * The chat listener the login reply names (§8.6): {@code login.chatUrl} and {@code login.chatPort} when set;
     * otherwise the address the chat listener is bound to, unless that is a wildcard, in which case the host name
     * the client used to reach this service; and the port the chat listener actually runs on.
     */
    LoginReply.ChatAddress chatAddress(LoginRequest request) {
        InetSocketAddress placed = placement.get();
        if (placed != null) {
            // cluster mode: the node placement picked; an empty host is "the host the client reached us by"
            return new LoginReply.ChatAddress(placed.getHostString().isEmpty() ? request.requestHost()
                    : placed.getHostString(), placed.getPort());
        }
        InetSocketAddress listener = chatListener;
        String host = config.login().chatUrl();
        if (host.isEmpty()) {
            host = listener != null && !listener.getAddress().isAnyLocalAddress()
                    ? listener.getAddress().getHostAddress() : request.requestHost();
        }
        int port = config.login().chatPort();
        if (port == 0) {
            port = listener != null ? listener.getPort() : config.chat().clientPort();
        }
        return new LoginReply.ChatAddress(host, port);
    }

    /** The chat server the buddy functions of §8.8 go through, so online sessions hear of them as in chat. */
    public void connectChat(ChatBridge bridge) {
        socialFunctions.connectChat(bridge);
        serverRequester.connectChat(bridge);
    }

    /** Cluster mode: picks the node the login reply names (null: this node's own listener). */
    public void chatPlacement(Supplier<InetSocketAddress> pick) {
        this.placement = pick;
    }

    /** The chat listener's bound address, once it runs: the login reply names it (§8.6). */
    public void chatListener(InetSocketAddress bound) {
        this.chatListener = bound;
    }

    private boolean limited(String login, String ip) {
        return byName.blocked(AccountNames.key(login)) || byIp.blocked(ip);
    }

    private String failed(String login, String ip) {
        outcomes.accept("wrong_credentials", login, ip);
        byName.recordFailure(AccountNames.key(login));
        byIp.recordFailure(ip);
        return FAILURE;
    }

    static String failure(String text) {
        return new Php.Array().put(0, false).put("auth", text).serialize();
    }

    /** Lower-case hex with an even number of digits (§8.5 step 7). */
    static String evenHex(BigInteger value) {
        return HexFormat.of().formatHex(Srp.bytes(value));
    }

    /** A positive number from hex (either case); {@code null} if empty, too long or not hex. */
    static BigInteger parseHex(String hex, int maxDigits) {
        if (hex.isEmpty() || hex.length() > maxDigits) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new BigInteger(hex, 16);
    }

    /**
     * The client's {@code M} as 32 bytes. honpurple prints it as a number, without leading zero bytes and in upper
     * case, so shorter hex is left-padded.
     */
    static byte[] proofBytes(String hex) {
        BigInteger value = parseHex(hex, 64);
        if (value == null) {
            return null;
        }
        byte[] minimal = Srp.bytes(value);
        byte[] proof = new byte[32];
        System.arraycopy(minimal, 0, proof, 32 - minimal.length, minimal.length);
        return proof;
    }

    /** Drops SRP states older than their lifetime (called periodically). */
    public int expirePending() {
        Instant now = clock.instant();
        List<String> stale = new ArrayList<>();
        pending.forEach((key, state) -> {
            if (!now.isBefore(state.expires())) {
                stale.add(key);
            }
        });
        stale.forEach(pending::remove);
        return stale.size();
    }
}
