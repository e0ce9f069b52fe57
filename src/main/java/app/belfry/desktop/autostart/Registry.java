package app.belfry.desktop.autostart;

import java.io.IOException;
import java.util.Optional;

/**
 * The string values of keys under {@code HKEY_CURRENT_USER}: the little of the Windows registry that start at login
 * needs, so that its writer is tested against a map on any OS ({@link JnaRegistry} is the real one).
 */
interface Registry {

    /** The value's data, as text; empty when there is no such value (or key). */
    Optional<String> read(String key, String name) throws IOException;

    /** Sets the value to this string ({@code REG_SZ}), making the key if it is missing. */
    void write(String key, String name, String data) throws IOException;

    /** Deletes the value. */
    void delete(String key, String name) throws IOException;
}
