package app.belfry.desktop.autostart;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.io.IOException;
import java.util.Optional;

/** {@link Registry} on Windows, through JNA's Advapi32 (JNA is on the class path already, for the keychain). */
final class JnaRegistry implements Registry {

    @Override
    public Optional<String> read(String key, String name) throws IOException {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_CURRENT_USER, key, name)) {
                return Optional.empty();
            }
            // Any type: a REG_EXPAND_SZ comes back as text, a number as one (then it is no launcher of Belfry's).
            return Optional.of(String.valueOf(Advapi32Util.registryGetValue(WinReg.HKEY_CURRENT_USER, key, name)));
        } catch (Win32Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void write(String key, String name, String data) throws IOException {
        try {
            if (!Advapi32Util.registryKeyExists(WinReg.HKEY_CURRENT_USER, key)) {
                Advapi32Util.registryCreateKey(WinReg.HKEY_CURRENT_USER, key);
            }
            Advapi32Util.registrySetStringValue(WinReg.HKEY_CURRENT_USER, key, name, data);
        } catch (Win32Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key, String name) throws IOException {
        try {
            Advapi32Util.registryDeleteValue(WinReg.HKEY_CURRENT_USER, key, name);
        } catch (Win32Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
