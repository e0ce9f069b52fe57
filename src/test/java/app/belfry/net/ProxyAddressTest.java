package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyAddressTest {

    /** What the text reads as, written back as {@code host|port|user|password} ('-' for none). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "http://proxy.corp:3128;                 proxy.corp|3128|-|-",
        "HTTP://Proxy.Corp:3128/;                Proxy.Corp|3128|-|-",
        "http://proxy.corp;                      proxy.corp|80|-|-",
        "proxy.corp:8080;                        proxy.corp|8080|-|-",
        "proxy.corp;                             proxy.corp|80|-|-",
        "'  http://proxy.corp:3128  ';           proxy.corp|3128|-|-",
        "http://alice:s3cret@proxy.corp:3128;    proxy.corp|3128|alice|s3cret",
        "alice:s3cret@proxy.corp:3128;           proxy.corp|3128|alice|s3cret",
        "http://alice@proxy.corp:3128;           proxy.corp|3128|alice|-",
        "http://alice:@proxy.corp:3128;          proxy.corp|3128|alice|",
        "http://dom%5Calice:p%40ss%3Aw%25rd@proxy:3128;  proxy|3128|dom\\alice|p@ss:w%rd",
        "http://alice:p@ss/w+rd@proxy:3128;      proxy|3128|alice|p@ss/w+rd",
        "alice:pa://ss@proxy:3128;               proxy|3128|alice|pa://ss",
        "http://a+b%21:p+w%21@proxy:3128;        proxy|3128|a+b!|p+w!",
        "http://j%C3%BCrgen:%E2%82%AC@proxy:3128; proxy|3128|jürgen|€",
        "http://10.0.0.1:3128;                   10.0.0.1|3128|-|-",
        "http://[::1]:3128;                      ::1|3128|-|-",
        "http://[fd00::2];                       fd00::2|80|-|-",
        "http://my_proxy:3128;                   my_proxy|3128|-|-"})
    void reads(String text, String expected) {
        ProxyAddress address = ProxyAddress.parse(text);
        String actual = address.host() + "|" + address.port() + "|" + address.user().orElse("-") + "|"
                + address.password().orElse("-");
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "http://;                      The proxy address has no host",
        "http://:3128;                 The proxy address has no host",
        "http://proxy.corp:;           The proxy address has a ':' but no port after it",
        "http://proxy.corp:31x8;       The proxy port is not a number: 31x8",
        "http://proxy.corp:70000;      The proxy port must be between 1 and 65535, not 70000",
        "http://proxy.corp:0;          The proxy port must be between 1 and 65535, not 0",
        "http://[::1:3128;             The proxy address has a '[' without its ']': [::1:3128",
        "http://proxy corp:3128;       The proxy host is not a host name or address: proxy corp",
        "http://:s3cret@proxy:3128;    The proxy address has an '@' but no user name before it",
        "http://a%3Ab:s3cret@proxy;    The proxy user name cannot contain ':'"})
    void refuses(String text, String message) {
        assertThatThrownBy(() -> ProxyAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https", "socks5", "socks5h", "socks4", "HTTPS"})
    void otherSchemesAreRefusedSayingWhichOneIsSupported(String scheme) {
        assertThatThrownBy(() -> ProxyAddress.parse(scheme + "://proxy.corp:3128"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The proxy address uses " + scheme.toLowerCase(Locale.ROOT) + "://, which Belfry does not"
                        + " support: Belfry supports http:// proxies (or host:port without a scheme)");
    }

    @Test
    void aPathIsTakenForAConfigurationFilesAddress() {
        assertThat(ProxyAddress.parse("http://proxy.corp:3128/").port()).isEqualTo(3128);
        assertThatThrownBy(() -> ProxyAddress.parse("http://wpad.corp/proxy.pac"))
                .hasMessage("The proxy address has a path (/proxy.pac): give the proxy as http://host:port, not the"
                        + " address of a configuration file");
    }

    @Test
    void errorsNeverQuoteTheUserNameOrPassword() {
        for (String text : new String[] {
                "http://alice:s3cr%t@proxy:3128", "http://al%ice:s3cret@proxy:3128", "http://alice:s3cret@proxy:x",
                "http://alice:s3cret@/path", "http://alice:s3cret@", "alice:s3cr://et@proxy:x"}) {
            assertThatThrownBy(() -> ProxyAddress.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr").doesNotContain("ali"));
        }
    }

    @Test
    void aBadPercentEscapeSaysWhereButNotWhat() {
        assertThatThrownBy(() -> ProxyAddress.parse("http://alice:100%@proxy:3128"))
                .hasMessage("The proxy password has a '%' that is not followed by two hexadecimal digits"
                        + " (write %25 for %)");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(ProxyAddress.parse("http://alice:s3cret@proxy.corp:3128"))
                .hasToString("http://alice:***@proxy.corp:3128");
        assertThat(ProxyAddress.parse("http://alice@proxy.corp:3128")).hasToString("http://alice@proxy.corp:3128");
        assertThat(ProxyAddress.parse("proxy.corp")).hasToString("http://proxy.corp:80");
        assertThat(ProxyAddress.parse("http://[::1]:3128")).hasToString("http://[::1]:3128");
    }

    @Test
    void basicAuthorizationEncodesTheDecodedUserAndPasswordAsUtf8() {
        assertThat(ProxyAddress.parse("http://proxy:3128").basicAuthorization()).isEmpty();
        assertThat(ProxyAddress.parse("http://Aladdin:open%20sesame@proxy:3128").basicAuthorization())
                .contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="); // RFC 7617's example
        String encoded = ProxyAddress.parse("http://j%C3%BCrgen:%E2%82%AC@proxy").basicAuthorization().orElseThrow();
        assertThat(new String(Base64.getDecoder().decode(encoded.substring("Basic ".length())),
                StandardCharsets.UTF_8)).isEqualTo("jürgen:€");
        assertThat(ProxyAddress.parse("http://alice@proxy").basicAuthorization())
                .contains("Basic " + Base64.getEncoder().encodeToString("alice:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theConstructorChecksItsParts() {
        assertThat(new ProxyAddress("proxy", 3128).user()).isEmpty();
        assertThatThrownBy(() -> new ProxyAddress("proxy", 3128, Optional.empty(), Optional.of("s3cret")))
                .hasMessage("The proxy password is given without a user name");
        assertThatThrownBy(() -> new ProxyAddress(" ", 3128)).hasMessage("The proxy address has no host");
    }
}
