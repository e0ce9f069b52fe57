package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyEnvironmentTest {

    /**
     * The environment ({@code NAME=value} pairs separated by '|'), the server, and the proxy chosen ('-' for
     * none, that is, direct).
     */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "-;                                               https://belfry.example;      -",
        // each scheme has its own variables
        "https_proxy=http://s:1;                          https://belfry.example;      http://s:1",
        "https_proxy=http://s:1;                          http://belfry.example;       -",
        "http_proxy=http://h:1;                           http://belfry.example;       http://h:1",
        "http_proxy=http://h:1;                           https://belfry.example;      -",
        "HTTPS_PROXY=http://S:1;                          https://belfry.example;      http://S:1",
        "HTTP_PROXY=http://H:1;                           http://belfry.example;       http://H:1",
        "http_proxy=http://h:1|https_proxy=http://s:1;    http://belfry.example:8080;  http://h:1",
        "http_proxy=http://h:1|https_proxy=http://s:1;    https://belfry.example:8443; http://s:1",
        // lowercase wins over uppercase
        "https_proxy=http://s:1|HTTPS_PROXY=http://S:1;   https://belfry.example;      http://s:1",
        "http_proxy=http://h:1|HTTP_PROXY=http://H:1;     http://belfry.example;       http://h:1",
        // all_proxy is the fallback for both, lowercase first, and never wins over the scheme's own
        "all_proxy=http://a:1;                            https://belfry.example;      http://a:1",
        "all_proxy=http://a:1;                            http://belfry.example;       http://a:1",
        "ALL_PROXY=http://A:1;                            http://belfry.example;       http://A:1",
        "all_proxy=http://a:1|ALL_PROXY=http://A:1;       http://belfry.example;       http://a:1",
        "all_proxy=http://a:1|HTTPS_PROXY=http://S:1;     https://belfry.example;      http://S:1",
        // empty (or blank) values count as unset
        "https_proxy=|HTTPS_PROXY=http://S:1;             https://belfry.example;      http://S:1",
        "\"https_proxy=  |all_proxy=http://a:1\";         https://belfry.example;      http://a:1",
        "https_proxy=|HTTPS_PROXY=;                       https://belfry.example;      -",
        // no_proxy first, then NO_PROXY; the port is the scheme's when the URI has none
        "https_proxy=http://s:1|no_proxy=example;         https://belfry.example;      -",
        "https_proxy=http://s:1|NO_PROXY=example;         https://belfry.example;      -",
        "https_proxy=http://s:1|no_proxy=other|NO_PROXY=example; https://belfry.example; http://s:1",
        "https_proxy=http://s:1|no_proxy=|NO_PROXY=example; https://belfry.example;    -",
        "https_proxy=http://s:1|no_proxy=belfry.example:443; https://belfry.example;   -",
        "https_proxy=http://s:1|no_proxy=belfry.example:443; https://belfry.example:8443; http://s:1",
        "http_proxy=http://h:1|no_proxy=belfry.example:80; http://belfry.example;      -",
        "http_proxy=http://h:1|no_proxy=*;                http://belfry.example;       -",
        "http_proxy=http://h:1|no_proxy=127.0.0.0/8;      http://127.0.0.1:3000;       -",
        "http_proxy=http://h:1|no_proxy=::1;              http://[::1]:3000;           -",
        // a bypassed host does not even read the proxy variable
        "https_proxy=socks5://s:1|no_proxy=belfry.example; https://belfry.example;     -",
        // credentials come along (and stay masked)
        "https_proxy=http://alice:s3cret@s:1;             https://belfry.example;      http://alice:***@s:1",
        "https_proxy=s:3128;                              https://belfry.example;      http://s:3128"})
    void choosesLikeCurl(String variables, String server, String expected) {
        ProxyEnvironment environment = new ProxyEnvironment(environment(variables));
        String chosen = environment.proxyFor(URI.create(server)).map(ProxyAddress::toString).orElse("-");
        assertThat(chosen).isEqualTo(expected);
    }

    @Test
    void aMalformedValueIsReportedWithTheVariablesNameAndNeverThePassword() {
        ProxyEnvironment environment = new ProxyEnvironment(Map.of("HTTPS_PROXY", "socks5://alice:s3cret@s:1080"));
        assertThatThrownBy(() -> environment.proxyFor(URI.create("https://belfry.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The environment variable HTTPS_PROXY is not a usable proxy: The proxy address uses"
                        + " socks5://, which Belfry does not support: Belfry supports http:// proxies (or host:port"
                        + " without a scheme)");
        ProxyEnvironment badPort = new ProxyEnvironment(Map.of("all_proxy", "http://alice:s3cret@s:none"));
        assertThatThrownBy(() -> badPort.proxyFor(URI.create("http://belfry.example")))
                .hasMessage("The environment variable all_proxy is not a usable proxy: The proxy port is not a"
                        + " number: none")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void onlyHttpAndHttpsServersHaveProxies() {
        ProxyEnvironment environment = new ProxyEnvironment(Map.of("all_proxy", "http://a:1"));
        assertThatThrownBy(() -> environment.proxyFor(URI.create("ftp://files.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an http or https server: ftp://…");
    }

    /** {@code "A=1|B=2"}; {@code "-"} for none. */
    private static Map<String, String> environment(String variables) {
        Map<String, String> environment = new HashMap<>();
        if (!variables.equals("-")) {
            for (String pair : variables.split("\\|")) {
                int equals = pair.indexOf('=');
                environment.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return environment;
    }
}
