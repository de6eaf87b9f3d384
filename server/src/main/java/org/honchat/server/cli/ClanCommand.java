package org.honchat.server.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.honchat.protocol.types.ClanRank;
import org.honchat.server.store.Account;
import org.honchat.server.store.AccountStore;
import org.honchat.server.store.Database;
import org.honchat.server.store.Social;
import org.honchat.server.store.SocialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code honchat clan ...}: clans in the shared store (docs/protocol.md §6.8). Members of a clan made here see it at
 * their next login.
 */
@Command(name = "clan", mixinStandardHelpOptions = true, description = "Manage clans.",
        subcommands = {ClanCommand.Create.class, ClanCommand.ListClans.class})
public final class ClanCommand {

    /** Shared: the social and account stores. */
    abstract static class StoreCommand extends DatabaseCommand {
        @Override
        int run(Database database) {
            return run(database.social(), database.accounts());
        }

        abstract int run(SocialStore social, AccountStore accounts);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a clan; prints its id.")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--tag", required = true, paramLabel = "TAG")
        String tag;

        @Option(names = "--leader", required = true, paramLabel = "ACCOUNT")
        String leader;

        @Option(names = "--member", paramLabel = "ACCOUNT")
        List<String> members = new ArrayList<>();

        @Override
        int run(SocialStore social, AccountStore accounts) {
            String cleanName = name.strip();
            String cleanTag = tag.strip();
            int nameLength = cleanName.codePointCount(0, cleanName.length());
            int tagLength = cleanTag.codePointCount(0, cleanTag.length());
            if (nameLength < 1 || nameLength > 30 || tagLength < 1 || tagLength > 4) {
                throw new IllegalArgumentException("a clan name has 1 to 30 characters and a tag 1 to 4");
            }
            if (cleanTag.contains("[") || cleanTag.contains("]")) {
                throw new IllegalArgumentException("a clan tag cannot contain '[' or ']'");
            }
            Map<Long, ClanRank> ranks = new LinkedHashMap<>();
            ranks.put(inNoClan(social, accounts, leader).id(), ClanRank.LEADER);
            for (String member : members) {
                Account account = inNoClan(social, accounts, member);
                if (ranks.putIfAbsent(account.id(), ClanRank.MEMBER) != null) {
                    throw new IllegalArgumentException("'" + member + "' is named twice");
                }
            }
            long leaderId = ranks.keySet().iterator().next();
            Social.Clan clan = social.createClan(cleanName, cleanTag, leaderId, ranks, Instant.now());
            out().println(clan.id());
            return 0;
        }

        private static Account inNoClan(SocialStore social, AccountStore accounts, String name) {
            Account account = accounts.findByName(name)
                    .orElseThrow(() -> new IllegalArgumentException("no account named '" + name + "'"));
            if (social.membership(account.id()).isPresent()) {
                throw new IllegalArgumentException("'" + account.name() + "' is already in a clan");
            }
            return account;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List clans and their members.")
    static final class ListClans extends StoreCommand {
        @Override
        int run(SocialStore social, AccountStore accounts) {
            var out = out();
            out.printf("%-6s %-6s %-30s %s%n", "ID", "TAG", "NAME", "MEMBERS");
            for (Social.Clan clan : social.clans()) {
                List<String> members = new ArrayList<>();
                for (Social.ClanMember member : social.members(clan.id())) {
                    members.add(member.name() + ":" + member.rank().name().toLowerCase(Locale.ROOT));
                }
                out.printf("%-6d %-6s %-30s %s%n", clan.id(), clan.tag(), clan.name(), String.join(",", members));
            }
            return 0;
        }
    }
}
