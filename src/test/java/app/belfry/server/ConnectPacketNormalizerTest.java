package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectPacketNormalizerTest {

    @Test
    void aBareNamespaceConnectGetsAnEmptyAuthObject() {
        assertThat(ConnectPacketNormalizer.normalize("40/notifications,")).isEqualTo("40/notifications,{}");
        assertThat(ConnectPacketNormalizer.normalize("40/notifications")).isEqualTo("40/notifications,{}");
    }

    @Test
    void aConnectWithAuthIsLeftAlone() {
        String packet = "40/notifications,{\"token\":\"abc\"}";
        assertThat(ConnectPacketNormalizer.normalize(packet)).isEqualTo(packet);
    }

    @Test
    void otherPacketsAreLeftAlone() {
        String event = "42/notifications,[\"mark:read\",{\"notificationId\":\"40/x,\"}]";
        assertThat(ConnectPacketNormalizer.normalize(event)).isEqualTo(event);
        assertThat(ConnectPacketNormalizer.normalize("40")).isEqualTo("40"); // the root namespace has no auth
    }

    @Test
    void eachPacketOfAPollingPayloadIsLookedAt() {
        String payload = "40/notifications,\u001e42/notifications,[\"x\"]";
        assertThat(ConnectPacketNormalizer.normalize(payload))
                .isEqualTo("40/notifications,{}\u001e42/notifications,[\"x\"]");
    }
}
