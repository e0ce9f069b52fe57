package app.belfry;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Picks how JavaFX draws, before its toolkit starts.
 *
 * <p>On Linux without a GPU device ({@code /dev/dri} has no card or render node: a VM, a container, Xvfb), JavaFX's
 * OpenGL pipeline cannot work: it loads Mesa's software rasteriser (with LLVM, about 55 MB resident), finds it
 * below its requirements, and falls back to its own software pipeline anyway. GTK 3 loads the same libraries to
 * probe OpenGL visuals. There Belfry asks for the software pipeline at once ({@code prism.order=sw}) and tells GTK
 * not to probe ({@code GDK_GL=disable}, which JavaFX does not need: it drives OpenGL itself, never through GDK).
 * It also turns off the cache of region backgrounds ({@code prism.disableRegionCaching}): on the GPU that is one
 * texture, in software it is a 2048 by 1024 int array, 8 MB of heap, for a few rounded rectangles.
 * Where there is a GPU device, or the user chose a pipeline, nothing changes.
 */
final class Rendering {

    private static final System.Logger LOG = System.getLogger(Rendering.class.getName());

    private Rendering() {
    }

    /** What to do: nothing, or software rendering without OpenGL probes. */
    enum Choice { AS_IS, SOFTWARE }

    static Choice choose(String osName, String prismOrder, Path dri) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || prismOrder != null) {
            return Choice.AS_IS;
        }
        try (Stream<Path> devices = Files.list(dri)) {
            boolean gpu = devices.map(p -> p.getFileName().toString())
                    .anyMatch(name -> name.startsWith("card") || name.startsWith("renderD"));
            return gpu ? Choice.AS_IS : Choice.SOFTWARE;
        } catch (IOException | RuntimeException e) {
            return Choice.SOFTWARE; // no /dev/dri at all
        }
    }

    /** Applies the choice for this machine; never throws (at worst JavaFX finds its way as before). */
    static void configure() {
        Choice choice = choose(System.getProperty("os.name", ""), System.getProperty("prism.order"),
                Path.of("/dev/dri"));
        apply(choice, System::setProperty, Rendering::setenvIfAbsent);
    }

    static void apply(Choice choice, BiConsumer<String, String> property, BiConsumer<String, String> environment) {
        if (choice != Choice.SOFTWARE) {
            return;
        }
        property.accept("prism.order", "sw");
        property.accept("prism.disableRegionCaching", "true");
        environment.accept("GDK_GL", "disable");
        LOG.log(Level.INFO, "No GPU device in /dev/dri: JavaFX draws in software, and GTK does not probe OpenGL");
    }

    /** The C library's environment, which GTK and AWT read: Java's own view of it cannot be changed. */
    private interface C extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    static void setenvIfAbsent(String name, String value) {
        try {
            C c = Native.load("c", C.class);
            if (c.setenv(name, value, 0) != 0) {
                LOG.log(Level.INFO, "Could not set {0} in the environment", name);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "Could not set {0} in the environment ({1})", name, e.toString());
        }
    }

    /** The C library's value of a variable (tests). */
    static String getenv(String name) {
        return Native.load("c", C.class).getenv(name);
    }
}
