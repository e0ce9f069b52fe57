package app.belfry.testing;

import app.belfry.net.NotificationActions;
import java.util.concurrent.CompletableFuture;

/** The server as store tests see it: only reads matter; channels and retries go nowhere. */
@FunctionalInterface
public interface ReadActions extends NotificationActions {

    @Override
    default CompletableFuture<Boolean> subscribe(String channel) {
        return CompletableFuture.completedFuture(false);
    }

    @Override
    default void unsubscribe(String channel) {
    }

    @Override
    default void retry() {
    }
}
