package app.belfry.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the long run's curve (bench/longrun.sh): resident memory every second, the heap after each full collection,
 * and the rows shown so far, over time, as a PNG. Usage: LongRunPlot SAMPLES.csv OUT.png [N RATE].
 */
public final class LongRunPlot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 80;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;

    private LongRunPlot() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<double[]> rows = new ArrayList<>(); // second, rows, rss, heap used, heap after full GC (NaN: none)
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) { // after the header
            String[] f = line.split(",", -1);
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4])});
        }
        double seconds = rows.get(rows.size() - 1)[0];
        double megabytes = Math.ceil(rows.stream().mapToDouble(r -> r[2]).max().orElse(100) / 50) * 50;
        double last = rows.get(rows.size() - 1)[1];
        double scale = Math.pow(10, Math.floor(Math.log10(Math.max(1, last))));
        double total = Math.ceil(last / scale) * scale; // 999,950 shown of a million: the axis ends at 1,000,000

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setColor(new Color(0xe5e7eb));
        for (int k = 0; k <= 5; k++) {
            int y = TOP + plotHeight - k * plotHeight / 5;
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f MB", megabytes * k / 5), 10, y + 4);
            g.drawString(String.format(Locale.ROOT, "%,.0f", total * k / 5), LEFT + plotWidth + 8, y + 4);
            g.setColor(new Color(0xe5e7eb));
        }
        g.setColor(Color.DARK_GRAY);
        for (int minute = 0; minute * 60 <= seconds; minute++) {
            int x = LEFT + (int) (minute * 60 / seconds * plotWidth);
            g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 4);
            g.drawString(minute + " min", x - 12, TOP + plotHeight + 18);
        }
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        line(g, rows, 1, total, seconds, new Color(0x9ca3af), 1.5f, false);
        line(g, rows, 2, megabytes, seconds, new Color(0x2563eb), 2f, false);
        line(g, rows, 4, megabytes, seconds, new Color(0xdc2626), 2f, true);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(args.length > 3 ? String.format(Locale.ROOT, "Belfry: %,d notifications at %,d/s through the window"
                + " (dropdown open, 100 kept)", Long.parseLong(args[2]), Long.parseLong(args[3])) : "Belfry's long run",
                LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g, LEFT, 40, new Color(0x2563eb), "resident memory (VmRSS), every second");
        legend(g, LEFT + 290, 40, new Color(0xdc2626), "heap after a full collection, every 30 s");
        legend(g, LEFT + 580, 40, new Color(0x9ca3af), "notifications shown (right axis)");
        g.dispose();
        ImageIO.write(image, "png", Path.of(args[1]).toFile());
    }

    private static void line(Graphics2D g, List<double[]> rows, int column, double top, double seconds, Color colour,
            float width, boolean points) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(width));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int lastX = -1;
        int lastY = -1;
        for (double[] r : rows) {
            if (Double.isNaN(r[column])) {
                continue;
            }
            int x = LEFT + (int) (r[0] / seconds * plotWidth);
            int y = TOP + plotHeight - (int) (r[column] / top * plotHeight);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            if (points) {
                g.fillOval(x - 3, y - 3, 6, 6);
            }
            lastX = x;
            lastY = y;
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color colour, String text) {
        g.setColor(colour);
        g.fillRect(x, y - 8, 14, 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x + 20, y - 3);
    }
}
