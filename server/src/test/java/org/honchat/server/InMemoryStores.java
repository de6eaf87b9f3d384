package org.honchat.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.honchat.protocol.types.AccountType;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.DuplicateNameException;
import org.honchat.server.store.LoginSession;
import org.honchat.server.store.SessionStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;

/** Map-backed stores for fast in-process tests of rules that do not depend on the database. */
public class InMemoryStores implements AccountStore, SessionStore, SocialStore,
        org.honchat.server.store.MatchmakingStore {

    private final AtomicLong nextId = new AtomicLong(1000);
    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, Credentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, LoginSession> sessions = new ConcurrentHashMap<>();

    @Override
    public synchronized Account create(String name, AccountType type, Credentials creds, Instant now) {
        if (findByName(name).isPresent()) {
            throw new DuplicateNameException(name);
        }
        Account account = new Account(nextId.getAndIncrement(), name, type, "", "", "white", "Default Icon", 0, now,
                null);
        accounts.put(account.id(), account);
        credentials.put(account.id(), creds);
        return account;
    }

    @Override
    public synchronized int createAll(List<org.honchat.server.store.NewAccount> list, Instant now) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (var account : list) {
            if (findByName(account.name()).isPresent() || !keys.add(AccountNames.key(account.name()))) {
                throw new DuplicateNameException(account.name());
            }
        }
        list.forEach(account -> create(account.name(), account.type(), account.credentials(), now));
        return list.size();
    }

    @Override
    public Optional<Account> findByName(String name) {
        String key = AccountNames.key(AccountNames.bare(name));
        return accounts.values().stream().filter(a -> AccountNames.key(a.name()).equals(key)).findFirst();
    }

    @Override
    public Optional<Account> findById(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Credentials> credentials(long accountId) {
        return Optional.ofNullable(credentials.get(accountId));
    }

    @Override
    public List<Account> list() {
        return new ArrayList<>(accounts.values());
    }

    @Override
    public List<Account> search(String text, int offset, int limit) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return accounts.values().stream().filter(a -> a.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .sorted(java.util.Comparator.comparing(a -> a.name().toLowerCase(java.util.Locale.ROOT)))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count(String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return accounts.values().stream().filter(a -> a.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .count();
    }

    @Override
    public boolean setCredentials(long accountId, Credentials creds) {
        return credentials.replace(accountId, creds) != null;
    }

    @Override
    public boolean setType(long accountId, AccountType type) {
        Account a = accounts.get(accountId);
        if (a == null) {
            return false;
        }
        accounts.put(accountId, new Account(a.id(), a.name(), type, a.email(), a.chatSymbol(), a.nameColour(),
                a.accountIcon(), a.ascension(), a.created(), a.lastSeen()));
        return true;
    }

    @Override
    public boolean delete(long accountId) {
        credentials.remove(accountId);
        sessions.values().removeIf(s -> s.accountId() == accountId);
        return accounts.remove(accountId) != null;
    }

    private final Map<Long, Instant> lastLogins = new ConcurrentHashMap<>();

    @Override
    public void recordLastLogin(long accountId, Instant when) {
        lastLogins.put(accountId, when);
    }

    @Override
    public Optional<Instant> lastLogin(long accountId) {
        return Optional.ofNullable(lastLogins.get(accountId));
    }

    @Override
    public void recordLastSeen(long accountId, Instant when) {
        Account a = accounts.get(accountId);
        if (a != null) {
            accounts.put(accountId, new Account(a.id(), a.name(), a.type(), a.email(), a.chatSymbol(), a.nameColour(),
                    a.accountIcon(), a.ascension(), a.created(), when));
        }
    }

    @Override
    public void create(LoginSession session) {
        sessions.put(session.cookie(), session);
    }

    @Override
    public Optional<LoginSession> newestValid(long accountId, Instant now) {
        return sessions.values().stream().filter(s -> s.accountId() == accountId && s.validAt(now))
                .max(java.util.Comparator.comparing(LoginSession::created));
    }

    @Override
    public Optional<LoginSession> find(String cookie) {
        return Optional.ofNullable(sessions.get(cookie));
    }

    @Override
    public boolean delete(String cookie) {
        return sessions.remove(cookie) != null;
    }

    @Override
    public int deleteExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.validAt(now));
        return before - sessions.size();
    }

    // buddies in memory; no clans: the social store answers "none" for them

    private final Map<Long, Set<Long>> buddies = new ConcurrentHashMap<>();
    private final List<Social.BuddyRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Set<Long> buddies(long accountId) {
        return Set.copyOf(buddies.getOrDefault(accountId, Set.of()));
    }

    @Override
    public List<Social.BuddyRequest> requestsTo(long targetId) {
        return requests.stream().filter(r -> r.targetId() == targetId).toList();
    }

    @Override
    public Optional<Social.BuddyRequest> request(long requesterId, long targetId) {
        return requests.stream().filter(r -> r.requesterId() == requesterId && r.targetId() == targetId).findFirst();
    }

    @Override
    public synchronized Social.BuddyRequest addRequest(long requesterId, long targetId, Instant now) {
        Social.BuddyRequest request = new Social.BuddyRequest(nextNotificationId(), requesterId, targetId);
        requests.add(request);
        return request;
    }

    @Override
    public synchronized Optional<Long> approve(long requesterId, long approverId, Instant now) {
        Optional<Social.BuddyRequest> request = request(requesterId, approverId);
        request.ifPresent(r -> {
            buddies.computeIfAbsent(requesterId, id -> ConcurrentHashMap.newKeySet()).add(approverId);
            buddies.computeIfAbsent(approverId, id -> ConcurrentHashMap.newKeySet()).add(requesterId);
            requests.removeIf(other -> (other.requesterId() == requesterId && other.targetId() == approverId)
                    || (other.requesterId() == approverId && other.targetId() == requesterId));
        });
        return request.map(Social.BuddyRequest::notificationId);
    }

    @Override
    public synchronized boolean removeBuddy(long accountId, long buddyId) {
        boolean removed = buddies.getOrDefault(accountId, Set.of()).contains(buddyId);
        buddies.getOrDefault(accountId, ConcurrentHashMap.newKeySet()).remove(buddyId);
        buddies.getOrDefault(buddyId, ConcurrentHashMap.newKeySet()).remove(accountId);
        return removed;
    }

    @Override
    public void removeRequests(long accountId, long otherId) {
        requests.removeIf(r -> (r.requesterId() == accountId && r.targetId() == otherId)
                || (r.requesterId() == otherId && r.targetId() == accountId));
    }

    @Override
    public long nextNotificationId() {
        return nextId.incrementAndGet();
    }

    @Override
    public Optional<Social.Membership> membership(long accountId) {
        return Optional.empty();
    }

    @Override
    public Optional<Social.Clan> clan(long clanId) {
        return Optional.empty();
    }

    @Override
    public Optional<Social.Clan> clanByName(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<Social.Clan> clanByTag(String tag) {
        return Optional.empty();
    }

    @Override
    public List<Social.Clan> clans() {
        return List.of();
    }

    @Override
    public List<Social.ClanMember> members(long clanId) {
        return List.of();
    }

    @Override
    public long clanCreator(long clanId) {
        return 0;
    }

    @Override
    public Social.Clan createClan(String name, String tag, long creatorId, Map<Long, ClanRank> members, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean addMember(long clanId, long accountId, ClanRank rank, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean setRank(long accountId, ClanRank rank) {
        return false;
    }

    @Override
    public boolean removeMember(long accountId) {
        return false;
    }

    // ---- MatchmakingStore ----

    private final Map<String, org.honchat.server.store.ServerRegistration> registrations = new ConcurrentHashMap<>();
    private final Map<Long, Instant> matchmakingBans = new ConcurrentHashMap<>();
    private long lastMatchId;

    @Override
    public synchronized org.honchat.server.store.ServerRegistration register(
            org.honchat.server.store.ServerRegistration.Kind kind, String login, long hostAccountId, String cookie,
            String ip, int port, String name, String description, String location, Instant now) {
        String key = kind + ":" + login.toLowerCase(java.util.Locale.ROOT);
        org.honchat.server.store.ServerRegistration old = registrations.get(key);
        long id = old != null ? old.id() : registrations.values().stream().filter(r -> r.kind() == kind)
                .mapToLong(org.honchat.server.store.ServerRegistration::id).max().orElse(0) + 1;
        org.honchat.server.store.ServerRegistration registration = new org.honchat.server.store.ServerRegistration(
                kind, id, login, hostAccountId, cookie, ip, port, name, description, location);
        registrations.put(key, registration);
        return registration;
    }

    @Override
    public Optional<org.honchat.server.store.ServerRegistration> byCookie(String cookie) {
        return registrations.values().stream().filter(r -> r.cookie().equals(cookie)).findFirst();
    }

    @Override
    public void setOnline(String cookie, int clientState, int connections, Instant now) {
    }

    @Override
    public synchronized long startGame(long serverId, String map, String name, long firstMatchId, Instant now) {
        lastMatchId = Math.max(firstMatchId, lastMatchId + 1);
        return lastMatchId;
    }

    @Override
    public Optional<Instant> matchmakingBan(long accountId) {
        return Optional.ofNullable(matchmakingBans.get(accountId));
    }

    @Override
    public void setMatchmakingBan(long accountId, Instant until) {
        if (until == null) {
            matchmakingBans.remove(accountId);
        } else {
            matchmakingBans.put(accountId, until);
        }
    }

    // the lists of §8.9, in memory, in the order added
    private final Map<Long, List<String>> saved = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> ignoring = new ConcurrentHashMap<>();

    @Override
    public synchronized List<String> savedChannels(long accountId) {
        return List.copyOf(saved.getOrDefault(accountId, List.of()));
    }

    @Override
    public synchronized ListChange saveChannel(long accountId, String name, int max) {
        List<String> list = saved.computeIfAbsent(accountId, id -> new ArrayList<>());
        if (list.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
            return ListChange.ALREADY;
        }
        if (list.size() >= max) {
            return ListChange.FULL;
        }
        list.add(name);
        return ListChange.ADDED;
    }

    @Override
    public synchronized void removeSavedChannel(long accountId, String name) {
        saved.getOrDefault(accountId, new ArrayList<>()).removeIf(n -> n.equalsIgnoreCase(name));
    }

    @Override
    public synchronized void clearSavedChannels(long accountId) {
        saved.remove(accountId);
    }

    @Override
    public synchronized List<Long> ignored(long accountId) {
        return List.copyOf(ignoring.getOrDefault(accountId, List.of()));
    }

    @Override
    public synchronized ListChange ignore(long accountId, long ignoredId, int max) {
        List<Long> list = ignoring.computeIfAbsent(accountId, id -> new ArrayList<>());
        if (list.contains(ignoredId)) {
            return ListChange.ALREADY;
        }
        if (list.size() >= max) {
            return ListChange.FULL;
        }
        list.add(ignoredId);
        return ListChange.ADDED;
    }

    @Override
    public synchronized void unignore(long accountId, long ignoredId) {
        ignoring.getOrDefault(accountId, new ArrayList<>()).remove(Long.valueOf(ignoredId));
    }

    @Override
    public synchronized boolean ignores(long accountId, long otherId) {
        return ignoring.getOrDefault(accountId, List.of()).contains(otherId);
    }
}
