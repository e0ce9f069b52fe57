package app.belfry.server;

/** One client event as the reference backend received it: for tests and for QA's eyes. */
public record ReceivedEvent(String userId, String event, String payloadJson) {
}
