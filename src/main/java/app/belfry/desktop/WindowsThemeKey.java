package app.belfry.desktop;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import java.util.OptionalInt;

/**
 * The registry key of Windows' light and dark setting, through JNA: {@code RegNotifyChangeKeyValue} signals an
 * event when a value of the key is set, and the waiting thread sleeps on that event and a second one that
 * {@link #stop} sets. Only loaded on Windows.
 */
final class WindowsThemeKey implements RegistryColorScheme.ThemeKey {

    private final WinReg.HKEY key;
    private final WinNT.HANDLE changed;
    private final WinNT.HANDLE stopped;

    private WindowsThemeKey(WinReg.HKEY key, WinNT.HANDLE changed, WinNT.HANDLE stopped) {
        this.key = key;
        this.changed = changed;
        this.stopped = stopped;
    }

    /** Opens {@code HKCU\…\Themes\Personalize} to read and to watch; throws where Windows has no such key. */
    static WindowsThemeKey open() {
        WinReg.HKEYByReference opened = new WinReg.HKEYByReference();
        int status = Advapi32.INSTANCE.RegOpenKeyEx(WinReg.HKEY_CURRENT_USER, RegistryColorScheme.KEY, 0,
                WinNT.KEY_READ, opened);
        if (status != WinError.ERROR_SUCCESS) {
            throw new Win32Exception(status);
        }
        return new WindowsThemeKey(opened.getValue(), Kernel32.INSTANCE.CreateEvent(null, false, false, null),
                Kernel32.INSTANCE.CreateEvent(null, true, false, null));
    }

    @Override
    public OptionalInt appsUseLightTheme() {
        try {
            return OptionalInt.of(Advapi32Util.registryGetIntValue(key, RegistryColorScheme.VALUE));
        } catch (Win32Exception e) {
            return OptionalInt.empty(); // no such value (before Windows 10), or not a DWORD
        }
    }

    @Override
    public boolean awaitChange() {
        int status = Advapi32.INSTANCE.RegNotifyChangeKeyValue(key, false, WinNT.REG_NOTIFY_CHANGE_LAST_SET,
                changed, true);
        if (status != WinError.ERROR_SUCCESS) {
            return false;
        }
        int signalled = Kernel32.INSTANCE.WaitForMultipleObjects(2, new WinNT.HANDLE[] {changed, stopped}, false,
                WinBase.INFINITE);
        return signalled == WinBase.WAIT_OBJECT_0;
    }

    @Override
    public void stop() {
        Kernel32.INSTANCE.SetEvent(stopped);
    }

    @Override
    public void close() {
        Advapi32.INSTANCE.RegCloseKey(key);
        Kernel32.INSTANCE.CloseHandle(changed);
        Kernel32.INSTANCE.CloseHandle(stopped);
    }
}
