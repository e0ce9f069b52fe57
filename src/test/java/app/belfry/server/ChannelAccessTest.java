package app.belfry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelAccessTest {

    @ParameterizedTest
    @CsvSource({
        "broadcast, true",
        "user:42, true",
        "user:42:billing, true",
        "user:42:billing:eu, true",
        "user:43, false",
        "user:43:billing, false",
        "user:420, false",
        "user:4, false",
        "user:42:, false",
        "user:, false",
        "ops, false",
        "'', false",
        "BROADCAST, false",
    })
    void userFortyTwoMayJoin(String channel, boolean allowed) {
        assertThat(ChannelAccess.mayJoin("42", channel)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "user:42, 42",
        "user:42:billing, 42",
        "broadcast, ",
        "user:, ",
        "user:42:, ",
        "team:42, ",
    })
    void ownerOfAChannel(String channel, String owner) {
        assertThat(ChannelAccess.ownerOf(channel)).isEqualTo(owner);
    }
}
