package app.belfry.desktop;

import app.belfry.i18n.Texts;
import app.belfry.model.Preferences;
import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which popups Belfry shows; pure, so that every rule is tested without a desktop.
 *
 * <ul>
 *   <li>None while the main window has the focus: the user is looking at the list.</li>
 *   <li>None under do-not-disturb or in quiet hours, unless the notification is an {@code error} and errors may
 *       break through. History is recorded either way; only popups are held back.</li>
 *   <li>Bursts are summarised: at most {@link #BURST_LIMIT} popups in {@link #BURST_WINDOW}; what comes beyond
 *       that within the window is told in one popup when the window ends ("5 more new notifications").</li>
 *   <li>Per type, pop up or not and play a sound or not (by default: all pop up, errors sound); a sound follows
 *       the same rules of focus and quiet as a popup.</li>
 *   <li>A catch-up after being offline (notifications created before the connection came back) is one popup:
 *       "12 new notifications while you were away".</li>
 * </ul>
 * Not thread-safe: the desktop integration calls it on one thread.
 */
public final class PopupPolicy {

    public static final int BURST_LIMIT = 3;
    public static final Duration BURST_WINDOW = Duration.ofSeconds(2);

    /**
     * What the user chose, and what the window is doing.
     *
     * @param popupTypes the types that pop up
     * @param soundTypes the types that play a sound (also those that do not pop up)
     */
    public record Context(boolean windowFocused, boolean doNotDisturb, LocalTime quietFrom, LocalTime quietTo,
            boolean errorsBreakThrough, Set<NotificationType> popupTypes, Set<NotificationType> soundTypes) {

        public Context {
            popupTypes = Set.copyOf(popupTypes);
            soundTypes = Set.copyOf(soundTypes);
        }

        /** With the default rules per type. */
        public Context(boolean windowFocused, boolean doNotDisturb, LocalTime quietFrom, LocalTime quietTo,
                boolean errorsBreakThrough) {
            this(windowFocused, doNotDisturb, quietFrom, quietTo, errorsBreakThrough, Preferences.DEFAULT_POPUP_TYPES,
                    Preferences.DEFAULT_SOUND_TYPES);
        }

        /** The user's choices, and whether the window has the focus. */
        public static Context of(boolean windowFocused, Preferences chosen) {
            return new Context(windowFocused, chosen.doNotDisturb(), chosen.quietFrom(), chosen.quietTo(),
                    chosen.errorsBreakThrough(), chosen.popupTypes(), chosen.soundTypes());
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private final ArrayDeque<Instant> shown = new ArrayDeque<>();
    private int heldInBurst;
    private Instant burstEnds;
    private Instant connectedAt = Instant.EPOCH;

    public PopupPolicy(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** The connection came (back): what arrives next and is older than this is a catch-up. */
    public void onConnected() {
        connectedAt = clock.instant();
    }

    /** Popups for notifications that just arrived (in arrival order). */
    public List<Popup> onArrivals(List<Notification> arrived, Context context) {
        Instant now = clock.instant();
        forgetOld(now);
        List<Notification> wanted = new ArrayList<>();
        for (Notification n : arrived) {
            if (!n.read() && context.popupTypes().contains(n.type()) && allowed(n, context, now)) {
                wanted.add(n);
            }
        }
        List<Popup> popups = new ArrayList<>();
        List<Notification> missed = new ArrayList<>();
        List<Notification> fresh = new ArrayList<>();
        for (Notification n : wanted) {
            // Created a second or more before the connection came back: it waited for us while we were away.
            if (n.createdAt().isBefore(connectedAt.minusSeconds(1))) {
                missed.add(n);
            } else {
                fresh.add(n);
            }
        }
        if (missed.size() == 1) {
            fresh.add(0, missed.get(0));
        } else if (missed.size() > 1) {
            popups.add(new Popup(Texts.format("popup.away", missed.size()), summaryBody(missed), null,
                    null));
            shown.addLast(now);
        }
        for (Notification n : fresh) {
            if (shown.size() < BURST_LIMIT) {
                popups.add(new Popup(n.title(), n.message(), n.type(), n.id()));
                shown.addLast(now);
            } else {
                heldInBurst++;
                if (burstEnds == null) {
                    burstEnds = shown.peekFirst().plus(BURST_WINDOW);
                }
            }
        }
        return popups;
    }

    /**
     * Whether these arrivals play a sound: one of them is unread, of a type that sounds, and would be let through
     * (not while the window has the focus; quiet hours and do-not-disturb silence sounds as they hold back popups,
     * and an error breaks through both alike). One sound for the lot.
     */
    public boolean soundFor(List<Notification> arrived, Context context) {
        Instant now = clock.instant();
        for (Notification n : arrived) {
            if (!n.read() && context.soundTypes().contains(n.type()) && allowed(n, context, now)) {
                return true;
            }
        }
        return false;
    }

    /** When {@link #onTick} has something to say, or empty. */
    public Optional<Instant> nextDeadline() {
        return Optional.ofNullable(burstEnds);
    }

    /** The summary of a burst, once its window has passed. */
    public List<Popup> onTick() {
        Instant now = clock.instant();
        if (burstEnds == null || now.isBefore(burstEnds)) {
            return List.of();
        }
        int held = heldInBurst;
        heldInBurst = 0;
        burstEnds = null;
        forgetOld(now);
        shown.addLast(now);
        return List.of(new Popup(Texts.format("popup.more", held), Texts.text("popup.more.body"), null, null));
    }

    private boolean allowed(Notification n, Context context, Instant now) {
        if (context.windowFocused()) {
            return false;
        }
        boolean quiet = context.doNotDisturb() || inQuietHours(now, context);
        return !quiet || (context.errorsBreakThrough() && n.type() == NotificationType.ERROR);
    }

    private boolean inQuietHours(Instant now, Context context) {
        if (context.quietFrom() == null || context.quietTo() == null || context.quietFrom().equals(context.quietTo())) {
            return false;
        }
        LocalTime time = now.atZone(zone).toLocalTime();
        return context.quietFrom().isBefore(context.quietTo())
                ? !time.isBefore(context.quietFrom()) && time.isBefore(context.quietTo())
                : !time.isBefore(context.quietFrom()) || time.isBefore(context.quietTo()); // across midnight
    }

    private void forgetOld(Instant now) {
        while (!shown.isEmpty() && !shown.peekFirst().plus(BURST_WINDOW).isAfter(now)) {
            shown.pollFirst();
        }
    }

    private static String summaryBody(List<Notification> missed) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < Math.min(3, missed.size()); i++) {
            if (i > 0) {
                body.append(" · ");
            }
            body.append(missed.get(missed.size() - 1 - i).title()); // the newest first
        }
        return missed.size() > 3 ? Texts.format("popup.away.andMore", body, missed.size() - 3) : body.toString();
    }
}
