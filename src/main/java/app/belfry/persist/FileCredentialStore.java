package app.belfry.persist;

import app.belfry.model.NotificationCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@code credentials.json}, readable by its owner only: where no keychain answers (a headless Linux box). */
public final class FileCredentialStore implements CredentialStore {

    private final JsonFile file;

    public FileCredentialStore(JsonFile file) {
        this.file = file;
    }

    public java.nio.file.Path path() {
        return file.path();
    }

    @Override
    public Optional<Stored> load() {
        Optional<JsonNode> node = file.read().content();
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String server = node.get().path("server").asText("");
        String kind = node.get().path("kind").asText("");
        String secret = node.get().path("secret").asText("");
        return server.isEmpty() || kind.isEmpty() || secret.isEmpty() ? Optional.empty()
                : Optional.of(new Stored(server, kind, secret));
    }

    @Override
    public void save(Stored credentials) {
        try {
            file.write(NotificationCodec.mapper().createObjectNode().put("version", 1)
                    .put("server", credentials.server()).put("kind", credentials.kind())
                    .put("secret", credentials.secret()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete() {
        try {
            file.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "the file " + file.path() + ", readable by you only";
    }
}
