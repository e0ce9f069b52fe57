package app.belfry.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyTest {

    /** {@code NO_PROXY} value; host; port; whether the host goes direct. */
    @ParameterizedTest(name = "NO_PROXY=\"{0}\": {1}:{2} direct={3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        // a name matches itself and its subdomains, with or without a leading dot, in any case
        "example.com;              example.com;        443; true",
        "example.com;              a.example.com;      443; true",
        "example.com;              a.b.example.com;    443; true",
        "example.com;              badexample.com;     443; false",
        "example.com;              example.com.evil;   443; false",
        ".example.com;             example.com;        443; true",
        ".example.com;             a.example.com;      443; true",
        ".example.com;             badexample.com;     443; false",
        "Example.COM;              a.EXAMPLE.com;      443; true",
        "a.example.com;            example.com;        443; false",
        // trailing dots are ignored on both sides
        "example.com.;             a.example.com;      443; true",
        "example.com;              a.example.com.;     443; true",
        // the list: commas, spaces around entries
        "localhost,example.com;    a.example.com;      80;  true",
        "\" localhost , .corp ,, \"; intranet.corp;     80;  true",
        "\" localhost , .corp ,, \"; localhost;         80;  true",
        "\" localhost , .corp ,, \"; example.com;       80;  false",
        "\"\";                     example.com;        80;  false",
        // '*' alone is every host; inside a list it is nobody's name
        "*;                        anything.at.all;    80;  true",
        "\" * \";                  10.1.2.3;           80;  true",
        "\"*,example.com\";        other.org;          80;  false",
        // IPv4 addresses match exactly; names are never resolved
        "127.0.0.1;                127.0.0.1;          80;  true",
        "127.0.0.1;                127.0.0.2;          80;  false",
        "127.0.0.1;                localhost;          80;  false",
        "localhost;                127.0.0.1;          80;  false",
        "10.0.0.1;                 110.0.0.1;          80;  false",
        // IPv6, with or without brackets on either side, in any spelling
        "::1;                      [::1];              80;  true",
        "[::1];                    ::1;                80;  true",
        "::1;                      0:0:0:0:0:0:0:1;    80;  true",
        "::1;                      ::2;                80;  false",
        // CIDR blocks
        "10.0.0.0/8;               10.200.3.4;         80;  true",
        "10.0.0.0/8;               11.0.0.1;           80;  false",
        "192.168.0.0/16;           192.168.77.1;       80;  true",
        "192.168.0.0/16;           192.169.0.1;        80;  false",
        "172.16.0.0/12;            172.31.255.255;     80;  true",
        "172.16.0.0/12;            172.32.0.0;         80;  false",
        "0.0.0.0/0;                8.8.8.8;            80;  true",
        "0.0.0.0/0;                ::1;                80;  false",
        "fd00::/8;                 fd12:3456::1;       80;  true",
        "fd00::/8;                 [fd12:3456::1];     80;  true",
        "fd00::/8;                 fe80::1;            80;  false",
        "[fd00::]/8;               fd00::5;            80;  true",
        "10.0.0.0/8;               ten.example;        80;  false",
        "10.0.0.0/33;              10.0.0.1;           80;  false",
        // an entry with a port matches that port only
        "example.com:8080;         example.com;        8080; true",
        "example.com:8080;         a.example.com;      8080; true",
        "example.com:8080;         example.com;        443;  false",
        "127.0.0.1:3000;           127.0.0.1;          3000; true",
        "127.0.0.1:3000;           127.0.0.1;          3001; false",
        "10.0.0.0/8:80;            10.9.9.9;           80;   true",
        "10.0.0.0/8:80;            10.9.9.9;           443;  false",
        "[::1]:3000;               ::1;                3000; true",
        "[::1]:3000;               [::1];              80;   false",
        "example.com:http;         example.com;        80;   false"})
    void decides(String list, String host, int port, boolean direct) {
        assertThat(NoProxy.parse(list).bypasses(host, port)).isEqualTo(direct);
    }

    @Test
    void noListBypassesNothing() {
        assertThat(NoProxy.parse(null).bypasses("localhost", 80)).isFalse();
        assertThat(NoProxy.NONE.bypasses("localhost", 80)).isFalse();
        assertThat(NoProxy.parse("localhost").bypasses(null, 80)).isFalse();
    }
}
