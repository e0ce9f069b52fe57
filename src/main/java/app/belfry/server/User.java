package app.belfry.server;

/** A user as the backend exposes it: {@code {id, email, name}}. */
record User(String id, String email, String name) {

    /** The room every socket of this user joins. */
    String room() {
        return "user:" + id;
    }
}
