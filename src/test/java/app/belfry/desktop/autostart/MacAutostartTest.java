package app.belfry.desktop.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The LaunchAgent in a temporary home, read back with the JDK's XML parser. */
class MacAutostartTest {

    @TempDir
    Path home;

    private Path plist() {
        return home.resolve("Library/LaunchAgents/app.belfry.Belfry.plist");
    }

    private Autostart autostart(String launcher) {
        return Autostart.forSystem("Mac OS X", Map.of(), home, Optional.ofNullable(launcher).map(Path::of));
    }

    @Test
    void onWritesAWellFormedLaunchAgentThatRunsTheLauncherMinimizedAtLogin() throws Exception {
        String launcher = "/Applications/Belfry.app/Contents/MacOS/Belfry";
        Autostart autostart = autostart(launcher);
        assertThat(autostart.isEnabled()).isFalse();

        assertThat(autostart.enable()).isEqualTo("Belfry starts at login: wrote " + plist());

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(autostart.where()).isEqualTo(plist().toString());
        Map<String, Element> dict = read(plist());
        assertThat(dict).containsOnlyKeys("Label", "ProgramArguments", "RunAtLoad", "ProcessType");
        assertThat(text(dict.get("Label"))).isEqualTo("app.belfry.Belfry");
        assertThat(strings(dict.get("ProgramArguments"))).containsExactly(launcher, "--minimized");
        assertThat(dict.get("RunAtLoad").getTagName()).isEqualTo("true");
        assertThat(text(dict.get("ProcessType"))).isEqualTo("Interactive");
    }

    @Test
    void aPathWithMarkupCharactersIsEscaped() throws Exception {
        String launcher = "/Users/ada/Apps & <Tools> \"R&D\" 'x' ]]>/Belfry.app/Contents/MacOS/Belfry";

        autostart(launcher).enable();

        assertThat(strings(read(plist()).get("ProgramArguments"))).containsExactly(launcher, "--minimized");
    }

    @Test
    void offRemovesTheAgent() throws Exception {
        Autostart autostart = autostart("/Applications/Belfry.app/Contents/MacOS/Belfry");
        autostart.enable();
        Path other = Files.writeString(plist().resolveSibling("com.example.Other.plist"), "<plist/>");

        assertThat(autostart.disable()).isEqualTo("Belfry no longer starts at login: removed " + plist());

        assertThat(plist()).doesNotExist();
        assertThat(other).exists();
        assertThat(autostart.isEnabled()).isFalse();
        assertThat(autostart.disable()).isEqualTo("Belfry does not start at login: there is no " + plist());
    }

    @Test
    void aDevelopmentRunOrATranslocatedAppWritesNothing() {
        assertThatThrownBy(autostart(null)::enable).isInstanceOf(AutostartException.class)
                .hasMessageStartingWith("Start at login needs the installed Belfry");
        assertThatThrownBy(autostart("/private/var/folders/x7/T/AppTranslocation/0F1E/d/Belfry.app/Contents/MacOS"
                + "/Belfry")::enable).isInstanceOf(AutostartException.class).hasMessageContaining("Applications");

        assertThat(home.resolve("Library")).doesNotExist();
    }

    /** The plist's top dict, key by key; the parser must not fetch Apple's DTD (no network in tests). */
    private static Map<String, Element> read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Element root = builder.parse(file.toFile()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("plist");
        assertThat(root.getAttribute("version")).isEqualTo("1.0");
        List<Element> top = elements(root);
        assertThat(top).hasSize(1);
        assertThat(top.get(0).getTagName()).isEqualTo("dict");
        Map<String, Element> dict = new LinkedHashMap<>();
        List<Element> entries = elements(top.get(0));
        for (int i = 0; i < entries.size(); i += 2) {
            assertThat(entries.get(i).getTagName()).isEqualTo("key");
            dict.put(text(entries.get(i)), entries.get(i + 1));
        }
        return dict;
    }

    private static List<String> strings(Element array) {
        assertThat(array.getTagName()).isEqualTo("array");
        return elements(array).stream().map(MacAutostartTest::text).toList();
    }

    private static String text(Element element) {
        if (!element.getTagName().equals("key")) {
            assertThat(element.getTagName()).isEqualTo("string");
        }
        return element.getTextContent();
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
