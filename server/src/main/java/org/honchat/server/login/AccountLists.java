package org.honchat.server.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.config.ServerConfig;
import org.honchat.server.domain.core.ChannelNames;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;

/**
 * The saved channels and the ignore list of docs/protocol.md §8.9: {@code add_room}, {@code remove_room},
 * {@code clear_rooms}, {@code new_ignored}, {@code remove_ignored}, and what the login reply shows of them
 * ({@code chatrooms}, {@code ignored_list}). Stored in the shared account store, so every node of a cluster sees the
 * same lists. Runs on the login service's worker threads.
 */
final class AccountLists {

    /** §8.6: the client's login parser keeps this many {@code chatrooms}. */
    static final int CHATROOMS = 7;

    private static final String ADD_ROOM_OK = "a:2:{i:0;b:1;s:8:\"add_room\";s:2:\"OK\";}";
    private static final String REMOVE_ROOM_OK = "a:2:{i:0;b:1;s:11:\"remove_room\";s:2:\"OK\";}";
    private static final String CLEAR_ROOMS_OK = "a:2:{i:0;b:1;s:11:\"clear_rooms\";s:2:\"OK\";}";

    private final AccountStore accounts;
    private final SocialStore social;
    private final ServerConfig config;
    private final LoginCookies cookies;

    AccountLists(AccountStore accounts, LoginCookies cookies, SocialStore social, ServerConfig config) {
        this.accounts = accounts;
        this.cookies = cookies;
        this.social = social;
        this.config = config;
    }

    /** The owner check of §8.9: a valid cookie whose account is {@code account_id}. */
    private Optional<Account> owner(LoginRequest request) {
        return cookies.account(request.param("cookie"))
                .filter(account -> Long.toString(account.id()).equals(request.param("account_id")));
    }

    /** The owner and the normalised {@code chatroom_name} of a room call, or the failure to answer with. */
    private record RoomCall(Account account, String name, String failure) {
    }

    /** Checks 1 and 2 of {@code add_room} and {@code remove_room}: the owner, then a name left after normalising. */
    private RoomCall roomCall(LoginRequest request) {
        Optional<Account> account = owner(request);
        if (account.isEmpty()) {
            return new RoomCall(null, null, failure("Invalid account or cookie"));
        }
        String name = ChannelNames.normalize(request.param("chatroom_name"));
        return new RoomCall(account.get(), name, name.isEmpty() ? failure("Invalid channel name.") : null);
    }

    String addRoom(LoginRequest request) {
        RoomCall call = roomCall(request);
        if (call.failure() != null) {
            return call.failure();
        }
        boolean fixed = fixed(call.account(), call.name());
        if (!fixed && unsaveable(call.account(), call.name())) {
            return failure("This channel cannot be saved.");
        }
        if (fixed) {
            return ADD_ROOM_OK; // always in chatrooms, never stored
        }
        return switch (social.saveChannel(call.account().id(), call.name(), config.login().maxSavedChannels())) {
            case ADDED, ALREADY -> ADD_ROOM_OK;
            case FULL -> failure("Too many saved channels.");
        };
    }

    String removeRoom(LoginRequest request) {
        RoomCall call = roomCall(request);
        if (call.failure() != null) {
            return call.failure();
        }
        if (fixed(call.account(), call.name())) {
            return failure("This channel cannot be removed.");
        }
        social.removeSavedChannel(call.account().id(), call.name());
        return REMOVE_ROOM_OK;
    }

    String clearRooms(LoginRequest request) {
        Optional<Account> account = owner(request);
        if (account.isEmpty()) {
            return failure("Invalid account or cookie");
        }
        social.clearSavedChannels(account.get().id());
        return CLEAR_ROOMS_OK;
    }

    String newIgnored(LoginRequest request) {
        Optional<Account> account = owner(request);
        if (account.isEmpty()) {
            return failure("Invalid account or cookie");
        }
        long ignoredId = parseId(request.param("ignored_id"));
        if (ignoredId <= 0 || accounts.findById(ignoredId).isEmpty()) {
            return failure("Unknown account.");
        }
        if (ignoredId == account.get().id()) {
            return failure("You cannot ignore yourself.");
        }
        return switch (social.ignore(account.get().id(), ignoredId, config.login().maxIgnored())) {
            case ADDED, ALREADY -> SocialFunctions.OK;
            case FULL -> failure("Your ignore list is full.");
        };
    }

    String removeIgnored(LoginRequest request) {
        Optional<Account> account = owner(request);
        if (account.isEmpty()) {
            return failure("Invalid account or cookie");
        }
        long ignoredId = parseId(request.param("ignored_id"));
        if (ignoredId > 0) {
            social.unignore(account.get().id(), ignoredId);
        }
        return SocialFunctions.OK;
    }

    /**
     * §8.9 "Effect on chatrooms": the general channel, the clan channel, then the saved channels in stored order
     * without repeats (ignoring case), at most {@link #CHATROOMS}.
     */
    List<String> chatrooms(long accountId, Social.Membership membership) {
        List<String> rooms = new ArrayList<>(List.of(config.chat().generalChannelName()));
        if (membership != null) {
            rooms.add("Clan " + membership.clan().name());
        }
        for (String saved : social.savedChannels(accountId)) {
            if (rooms.stream().noneMatch(room -> room.equalsIgnoreCase(saved))) {
                rooms.add(saved);
            }
        }
        return rooms.size() > CHATROOMS ? List.copyOf(rooms.subList(0, CHATROOMS)) : rooms;
    }

    /** §8.9 "Effect on ignored_list": the ignored accounts in the order added (those deleted since are gone). */
    List<LoginReply.Ignored> ignoredList(long accountId) {
        List<LoginReply.Ignored> ignored = new ArrayList<>();
        for (long id : social.ignored(accountId)) {
            accounts.findById(id).ifPresent(other -> ignored.add(new LoginReply.Ignored(id, other.name())));
        }
        return ignored;
    }

    /** A fixed entry: the general channel (or an overflow of it) or the account's own clan channel. */
    private boolean fixed(Account account, String name) {
        if (ChannelNames.isGeneral(name, config.chat().generalChannelName())) {
            return true;
        }
        return social.membership(account.id())
                .map(m -> ("Clan " + m.clan().name()).equalsIgnoreCase(name)).orElse(false);
    }

    /** §8.9 add_room check 3: names the client or the server uses for other purposes. */
    private static boolean unsaveable(Account account, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (name.contains("%") || name.contains("^")) {
            return true;
        }
        for (String prefix : new String[] {"match ", "group ", "stream ", "scheduled match "}) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        boolean staff = account.type() == AccountType.STAFF || account.type() == AccountType.GAME_MASTER;
        return key.startsWith("clan ") && !staff;
    }

    private static String failure(String text) {
        return new Php.Array().put(0, false).put("error", text).serialize();
    }

    private static long parseId(String text) {
        try {
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
