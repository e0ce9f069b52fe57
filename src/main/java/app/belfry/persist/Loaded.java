package app.belfry.persist;

/** What a file held, and a message for the user when it could not be read (null when all was well). */
public record Loaded<T>(T value, String problem) {
}
