package org.honchat.server.cli;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.honchat.protocol.types.AccountType;
import org.honchat.server.store.AccountNames;
import org.honchat.server.store.Credentials;
import org.honchat.server.store.NewAccount;

/**
 * The file of {@code honchat account import}: UTF-8, one account per line, {@code NAME<TAB>CREDENTIAL[<TAB>TYPE]};
 * blank lines and lines starting with {@code #} are skipped. CREDENTIAL is {@code plain:PASSWORD},
 * {@code md5:MD5HEX} (the lower- or upper-case hex MD5 of the password) or {@code srp:SALT2:P} (the §8.3 material
 * as another server stores it). Fields are separated by tabs only, so a password may hold spaces and commas.
 */
final class AccountImportFile {

    private static final Pattern MD5_HEX = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern SRP_PASSWORD = Pattern.compile("[0-9A-Fa-f]{64}");

    /** The accounts of a file, or every problem in it: each with its line number. */
    record Parsed(List<NewAccount> accounts, List<String> problems) {
    }

    private AccountImportFile() {
    }

    /**
     * Reads every line; {@code taken} holds the lookup keys of names already in the store. A name may appear once
     * (case-insensitively) in the file.
     */
    static Parsed parse(List<String> lines, Set<String> taken, SecureRandom random) {
        List<NewAccount> accounts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seenAt = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = stripLineEnd(lines.get(index));
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                NewAccount account = parseLine(line, random);
                String key = AccountNames.key(account.name());
                Integer earlier = seenAt.putIfAbsent(key, lineNumber);
                if (earlier != null) {
                    throw new IllegalArgumentException("'" + account.name() + "' is already on line " + earlier);
                }
                if (taken.contains(key)) {
                    throw new IllegalArgumentException("an account named '" + account.name() + "' already exists");
                }
                accounts.add(account);
            } catch (IllegalArgumentException e) {
                problems.add("line " + lineNumber + ": " + e.getMessage());
            }
        }
        return new Parsed(accounts, problems);
    }

    private static NewAccount parseLine(String line, SecureRandom random) {
        String[] fields = line.split("\t", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("expected NAME<TAB>CREDENTIAL[<TAB>TYPE], found " + fields.length
                    + (fields.length == 1 ? " field (fields are separated by tabs)" : " fields"));
        }
        String name = fields[0];
        String problem = AccountNames.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        AccountType type = fields.length == 3 ? AccountCommand.parseType(fields[2].trim()) : AccountType.REGULAR;
        return new NewAccount(name, type, credentials(fields[1], random));
    }

    private static Credentials credentials(String field, SecureRandom random) {
        if (field.startsWith("plain:")) {
            String password = field.substring("plain:".length());
            AccountCommand.requirePassword(password);
            return Credentials.forPassword(password, random);
        }
        if (field.startsWith("md5:")) {
            String md5 = field.substring("md5:".length());
            if (!MD5_HEX.matcher(md5).matches()) {
                throw new IllegalArgumentException("md5: wants 32 hex digits, found '" + md5 + "'");
            }
            return Credentials.forPasswordMd5(md5, random);
        }
        if (field.startsWith("srp:")) {
            String[] parts = field.substring("srp:".length()).split(":", -1);
            if (parts.length != 2 || !Credentials.isSalt2(parts[0]) || !SRP_PASSWORD.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("srp: wants SALT2:P, 16 letters or digits then 64 hex digits");
            }
            return new Credentials(parts[0], parts[1].toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("the credential starts with plain:, md5: or srp:");
    }

    private static String stripLineEnd(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
