package org.honchat.server.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.honchat.server.cluster.RedisCoordinator;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.LoginSession;
import org.honchat.server.store.MatchmakingStore;
import org.honchat.server.store.ServerRegistration;
import org.honchat.server.store.SessionStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /server_requester.php} (docs/protocol.md §9.7): what match servers and server managers call over HTTP before
 * and while they are connected to the chat server. Blocking (store access): runs on a worker thread.
 */
final class ServerRequester {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRequester.class);

    static final String UNKNOWN_FUNCTION = "a:1:{i:0;b:0;}";
    private static final DateTimeFormatter MATCH_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final ServerConfig config;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final SocialStore social;
    private final MatchmakingStore store;
    private final SecureRandom random;
    private final Clock clock;
    private final Supplier<String> chatHost;
    private volatile ChatBridge chat;
    private volatile int matchServerPort;
    private volatile int managerPort;
    private volatile Supplier<RedisCoordinator.NodeInfo> hubNode = () -> null;

    ServerRequester(ServerConfig config, AccountStore accounts, SessionStore sessions, SocialStore social,
            MatchmakingStore store, SecureRandom random, Clock clock, Supplier<String> chatHost) {
        this.config = config;
        this.accounts = accounts;
        this.sessions = sessions;
        this.social = social;
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.chatHost = chatHost;
        this.matchServerPort = config.matchserver().port();
        this.managerPort = config.manager().port();
    }

    void connectChat(ChatBridge bridge) {
        this.chat = bridge;
    }

    /** The ports the link listeners actually run on (configured 0 = any free port). */
    /**
     * Cluster mode: the match-server and manager links work only on the node that holds the hub, so the replies
     * name its host and ports (a configured {@code login.chatAddressForServers} still wins for the host).
     */
    void serversToHubNode(Supplier<RedisCoordinator.NodeInfo> hub) {
        this.hubNode = hub;
    }

    void linkPorts(int matchServer, int manager) {
        this.matchServerPort = matchServer;
        this.managerPort = manager;
    }

    String handle(LoginRequest request) {
        return switch (request.param("f")) {
            case "new_session" -> newSession(request);
            case "replay_auth" -> replayAuth(request);
            case "set_online" -> setOnline(request);
            case "start_game" -> startGame(request);
            case "c_conn" -> clientConnect(request);
            case "get_upgrades" -> upgrades(request);
            case "accept_key" -> acceptKey(request);
            case "aids2cookie" -> aidsToCookie(request);
            case "get_quickstats" -> "a:1:{s:10:\"quickstats\";s:2:\"OK\";}";
            case "shutdown" -> "";
            case "set_replay_size" -> "a:1:{s:18:\"replay_size_update\";s:2:\"OK\";}";
            case "auth" -> failure("password login of servers over HTTP is not supported");
            default -> UNKNOWN_FUNCTION;
        };
    }

    /** The failure form of §9.7. */
    static String failure(String text) {
        return new Php.Array().put(0, false).put("error", text).serialize();
    }

    private String newCookie() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The host account named by {@code host}, if it is a server account (type 2) and {@code pass} matches. */
    private Optional<Account> hostAccount(String host, String pass) {
        Optional<Account> account = accounts.findByName(host);
        Optional<Credentials> stored = account.flatMap(a -> accounts.credentials(a.id()));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return stored.get().matchesMd5(pass) && account.get().type() == AccountType.SERVER ? account
                : Optional.empty();
    }

    private String serversChatHost() {
        String configured = config.login().chatAddressForServers();
        RedisCoordinator.NodeInfo hub = hubNode.get();
        if (configured.isEmpty() && hub != null && !hub.chatHost().isEmpty()) {
            return hub.chatHost();
        }
        return configured.isEmpty() ? chatHost.get() : configured;
    }

    private int matchServerPort() {
        RedisCoordinator.NodeInfo hub = hubNode.get();
        return hub != null ? hub.matchServerPort() : matchServerPort;
    }

    private int managerPort() {
        RedisCoordinator.NodeInfo hub = hubNode.get();
        return hub != null ? hub.managerPort() : managerPort;
    }

    /** {@code new_session}: a match server registers and gets its cookie and server id. */
    private String newSession(LoginRequest request) {
        String login = request.param("login");
        int colon = login.indexOf(':');
        if (colon <= 0 || colon != login.lastIndexOf(':') || !login.substring(colon + 1).matches("\\d{1,9}")) {
            return failure("login must be <host account>:<instance>");
        }
        Optional<Account> host = hostAccount(login.substring(0, colon), request.param("pass"));
        if (host.isEmpty()) {
            return failure("unknown server account or wrong password");
        }
        int port = number(request.param("port"));
        String ip = request.param("ip").strip();
        if (port < 1 || port > 65535 || !HOST.matcher(ip).matches()) {
            return failure("port must be 1-65535 and ip a host name or address");
        }
        // these travel to clients and operators as protocol strings: no control characters (a NUL would end one)
        String name = request.param("name");
        String description = request.param("desc");
        String location = request.param("location");
        if (!printable(name, 128) || !printable(description, 255) || !printable(location, 32)
                || login.length() > 100) {
            return failure("name, desc or location too long or not printable");
        }
        ServerRegistration registration = store.register(ServerRegistration.Kind.MATCH_SERVER, login,
                host.get().id(), newCookie(), ip, port, name, description, location, clock.instant());
        LOG.info("match server {} registered as {} ({}:{}, {})", registration.id(), login, ip, port, location);
        return new Php.Array().put("session", registration.cookie()).put("server_id", registration.id())
                .put("chat_address", serversChatHost()).put("chat_port", matchServerPort())
                .put("leaverthreshold", config.login().leaverThreshold()).serialize();
    }

    /** {@code replay_auth}: a server manager registers and gets its cookie and manager id. */
    private String replayAuth(LoginRequest request) {
        String login = request.param("login");
        if (!login.endsWith(":") || login.indexOf(':') != login.length() - 1 || login.length() < 2
                || login.length() > 100) {
            return failure("login must be <host account>:");
        }
        Optional<Account> host = hostAccount(login.substring(0, login.length() - 1), request.param("pass"));
        if (host.isEmpty()) {
            return failure("unknown server account or wrong password");
        }
        ServerRegistration registration = store.register(ServerRegistration.Kind.MANAGER, login, host.get().id(),
                newCookie(), "", 0, "", "", "", clock.instant());
        LOG.info("server manager {} registered as {}", registration.id(), login);
        return new Php.Array().put("server_id", registration.id()).put("official", 1)
                .put("session", registration.cookie()).put("chat_address", serversChatHost())
                .put("chat_port", managerPort()).put("cdn_upload_host", config.login().cdnUploadHost())
                .put("cdn_upload_target", "upload").serialize();
    }

    /** A registration of a match server by its {@code session} cookie, whose host account is still a server. */
    private Optional<ServerRegistration> matchServer(LoginRequest request) {
        return store.byCookie(request.param("session"))
                .filter(r -> r.kind() == ServerRegistration.Kind.MATCH_SERVER)
                .filter(r -> accounts.findById(r.hostAccountId()).map(a -> a.type() == AccountType.SERVER)
                        .orElse(false));
    }

    private String setOnline(LoginRequest request) {
        Optional<ServerRegistration> server = matchServer(request);
        if (server.isEmpty()) {
            return failure("invalid session");
        }
        store.setOnline(server.get().cookie(), number(request.param("c_state")), number(request.param("num_conn")),
                clock.instant());
        return "";
    }

    private String startGame(LoginRequest request) {
        Optional<ServerRegistration> server = matchServer(request);
        if (server.isEmpty()) {
            return failure("invalid session");
        }
        String required = config.login().requiredServerVersion();
        if (!required.isEmpty() && !required.equals(request.param("version"))) {
            return failure("server version " + request.param("version") + " is not " + required);
        }
        Instant now = clock.instant();
        long matchId = store.startGame(server.get().id(), request.param("map"), request.param("mname"),
                config.login().firstMatchId(), now);
        return new Php.Array().put("match_id", matchId).put("match_date", MATCH_DATE.format(now))
                .put("is_recommended", false).put("soccer_hero_list", "").put("free_hero_list", "")
                .put("early_access_hero_list", "").put("disabled_hero_list", "").serialize();
    }

    /** A player's login session by its cookie, still valid, and its account. */
    private Optional<Account> player(String cookie) {
        Optional<LoginSession> session = sessions.find(cookie).filter(s -> s.validAt(clock.instant()));
        return session.flatMap(s -> accounts.findById(s.accountId()));
    }

    /** {@code c_conn}: a player connects to the match server with its login cookie. */
    private String clientConnect(LoginRequest request) {
        if (matchServer(request).isEmpty()) {
            return failure("invalid session");
        }
        Optional<Account> account = player(request.param("cookie"));
        if (account.isEmpty() || account.get().type() == AccountType.DISABLED) {
            return failure("invalid cookie");
        }
        Account a = account.get();
        List<String> upgrades = LoginReply.selectedUpgrades(a);
        Php.Array reply = new Php.Array().put("cookie", request.param("cookie")).put("account_id", a.id())
                .put("nickname", a.name()).put("super_id", a.id()).put("account_type", a.type().code())
                .put("level", 1);
        Optional<Social.Membership> clan = social.membership(a.id());
        clan.ifPresent(m -> reply.put("clan_id", m.clan().id()).put("tag", m.clan().tag()));
        return reply.put("infos", "").put("game_cookie", newCookie()).put("my_upgrades", Php.Array.list(upgrades))
                .put("selected_upgrades", Php.Array.list(upgrades)).serialize();
    }

    private String upgrades(LoginRequest request) {
        Optional<Account> account = player(request.param("cookie"));
        if (account.isEmpty()) {
            return failure("invalid cookie");
        }
        List<String> upgrades = LoginReply.selectedUpgrades(account.get());
        return new Php.Array().put("my_upgrades", Php.Array.list(upgrades))
                .put("selected_upgrades", Php.Array.list(upgrades)).serialize();
    }

    private String acceptKey(LoginRequest request) {
        long id = matchServer(request).map(ServerRegistration::id).orElse(0L);
        return new Php.Array().put("server_id", id).put("official", 1).serialize();
    }

    /** {@code aids2cookie}: login cookies, only of players on this server's current roster (§9.7 notes). */
    private String aidsToCookie(LoginRequest request) {
        Optional<ServerRegistration> server = matchServer(request);
        if (server.isEmpty()) {
            return failure("invalid session");
        }
        Set<Long> roster = Set.of();
        ChatBridge bridge = chat;
        if (bridge != null) {
            try {
                roster = bridge.rosterOf(server.get().id()).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("aids2cookie: the roster of match server {} could not be read: {}", server.get().id(),
                        e.toString());
            }
        }
        Php.Array cookies = new Php.Array();
        Instant now = clock.instant();
        for (String aid : request.list("aids")) {
            long id = number(aid);
            if (roster.contains(id)) {
                sessions.newestValid(id, now).ifPresent(s -> cookies.put(id, s.cookie()));
            }
        }
        return new Php.Array().put("aids2cookie", cookies).put("aids2gcookie", cookies).serialize();
    }

    /** A host name or an IPv4/IPv6 address, as {@code 0x0062} gives it to clients (§9.5.6). */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,64}");

    private static boolean printable(String text, int maxLength) {
        return text.length() <= maxLength && text.codePoints().noneMatch(Character::isISOControl);
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
