package app.belfry.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The users from the options, with ids "1", "2", … in the order given. Immutable after construction. */
final class UserDirectory {

    private final Map<String, User> byId = new LinkedHashMap<>();
    private final Map<String, User> byEmail = new LinkedHashMap<>();
    private final Map<String, byte[]> passwords = new LinkedHashMap<>();

    UserDirectory(List<UserAccount> accounts) {
        int next = 1;
        for (UserAccount account : accounts) {
            String email = account.email().toLowerCase(Locale.ROOT);
            User user = new User(Integer.toString(next++), account.email(), displayName(account.email()));
            byId.put(user.id(), user);
            byEmail.put(email, user);
            passwords.put(user.id(), account.password().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The user whose email and password these are; the comparison of passwords takes constant time. */
    Optional<User> authenticate(String email, String password) {
        User user = byEmail.get(email.toLowerCase(Locale.ROOT));
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] expected = user == null ? new byte[0] : passwords.get(user.id());
        boolean match = MessageDigest.isEqual(expected, given);
        return user != null && match ? Optional.of(user) : Optional.empty();
    }

    Optional<User> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<User> byEmail(String email) {
        return Optional.ofNullable(byEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    List<User> all() {
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    /** "ada.lovelace@example.com" → "Ada Lovelace". */
    static String displayName(String email) {
        String local = email.substring(0, email.indexOf('@'));
        StringBuilder name = new StringBuilder();
        for (String part : local.split("[._\\-+]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.length() == 0 ? local : name.toString();
    }
}
