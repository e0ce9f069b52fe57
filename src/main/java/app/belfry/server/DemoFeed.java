package app.belfry.server;

import app.belfry.model.NotificationType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code --demo-feed N}: every N seconds, a plausible notification for every user, so a demo looks alive. */
final class DemoFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoFeed.class.getName());

    private record Template(NotificationType type, String title, String message) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template(NotificationType.SUCCESS, "Build #%d passed", "main is green: 412 checks in 3m %ds."),
            new Template(NotificationType.ERROR, "Build #%d failed", "checkout-service: 2 tests failed in PaymentFlowTest (%ds)."),
            new Template(NotificationType.INFO, "New comment from Ada", "\"Looks good to me, one nit on line %d.\" on Q%d roadmap"),
            new Template(NotificationType.WARNING, "Disk almost full", "db-%d: /var/lib/postgresql at 9%d%% of 500 GB."),
            new Template(NotificationType.SUCCESS, "Deployed to production", "Release 2.%d.%d is live in all regions."),
            new Template(NotificationType.INFO, "Weekly report ready", "Your report for week %d has 1%d new insights."),
            new Template(NotificationType.WARNING, "Certificate expires soon", "api.example.com: TLS certificate expires in %d days (renewal %d)."),
            new Template(NotificationType.ERROR, "Payment failed", "Invoice INV-%d for %d.00 EUR was declined by the bank."),
            new Template(NotificationType.INFO, "Sign-in from a new device", "Firefox on Linux, %d minutes ago, near Ghent (session %d)."),
            new Template(NotificationType.SUCCESS, "Backup completed", "Nightly backup %d finished: %d GB in 14 minutes."),
            new Template(NotificationType.INFO, "You were mentioned", "Grace mentioned you in #release-%d: \"can you take ticket %d?\""),
            new Template(NotificationType.WARNING, "High error rate", "gateway: 5xx responses at %d.%d%% over the last 5 minutes."));

    private final ScheduledExecutorService scheduler;
    private final Publisher publisher;
    private final UserDirectory users;
    private final Random random = new Random();
    private int counter = 1000;

    DemoFeed(Publisher publisher, UserDirectory users, int seconds) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "belfry-demo-feed");
            thread.setDaemon(true);
            return thread;
        });
        this.publisher = publisher;
        this.users = users;
        scheduler.scheduleAtFixedRate(() -> {
            try {
                publishOne();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Demo feed failed to publish; it goes on", e);
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /** One notification for every user, now. */
    synchronized void publishOne() {
        for (User user : users.all()) {
            Template template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            int n = counter++;
            publisher.publish(Publisher.Target.user(user), template.type(), String.format(template.title(), n),
                    String.format(template.message(), n % 97 + 1, random.nextInt(9) + 1));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
