package app.belfry.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.ocpsoft.prettytime.PrettyTime;

/**
 * "3 minutes ago" in Belfry's language (PrettyTime), and a tick every 30 seconds on which visible cells say it
 * again, so that what is shown stays true. One per window; cells listen to {@link #nowProperty()}.
 */
public final class RelativeTime {

    /**
     * Younger than this, PrettyTime says the same words whatever the age ("moments ago": its JustNow unit covers the
     * first minute); with margin, so that the words are PrettyTime's own.
     */
    private static final Duration JUST_NOW = Duration.ofSeconds(45);

    private final PrettyTime pretty = new PrettyTime(app.belfry.i18n.Texts.locale());
    /** PrettyTime's words for JUST_NOW, asked once: rows are redrawn whenever the list moves under them. */
    private String justNow;
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(Instant.now());
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30),
            e -> now.set(Instant.now())));

    public RelativeTime() {
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /**
     * The time since {@code then}, as PrettyTime says it ("moments ago", "3 minutes ago", "2 days ago"). A time
     * ahead of this machine's clock (a server's clock runs ahead) reads "moments ago", never "in 2 minutes".
     */
    public String since(Instant then) {
        Instant reference = Instant.now();
        if (!then.isBefore(reference.minus(JUST_NOW))) {
            if (justNow == null) {
                justNow = format(reference, reference.minus(Duration.ofMillis(1)));
            }
            return justNow;
        }
        return format(reference, then);
    }

    private String format(Instant reference, Instant then) {
        Instant past = then.isBefore(reference) ? then : reference.minus(Duration.ofMillis(1));
        pretty.setReference(Date.from(reference));
        return pretty.format(Date.from(past));
    }

    public void stop() {
        ticker.stop();
    }
}
