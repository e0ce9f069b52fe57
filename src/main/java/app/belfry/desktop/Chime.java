package app.belfry.desktop;

import java.lang.System.Logger.Level;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Belfry's own short sound, where the desktop's notification service plays none: two soft notes, 0.2 s, made here
 * (no sound file to ship). A machine without a sound device says so once in the log and stays silent.
 *
 * <p>Plays on the caller's thread (the popups' thread): it blocks for the sound's length.
 */
final class Chime {

    private static final System.Logger LOG = System.getLogger(Chime.class.getName());
    static final float RATE = 22_050f;

    private volatile boolean unavailable;

    /** Plays the chime; false when there is no sound device (said once). */
    boolean play() {
        if (unavailable) {
            return false;
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        byte[] pcm = samples();
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format, pcm.length);
            line.start();
            line.write(pcm, 0, pcm.length);
            line.drain();
            return true;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            unavailable = true;
            LOG.log(Level.INFO, "No sound device: notification sounds are off ({0})", e.toString());
            return false;
        }
    }

    /** Two notes (E6, then B5), each with a quick rise and a soft fall, as 16-bit little-endian mono samples. */
    static byte[] samples() {
        double[][] notes = {{1318.5, 0.09}, {987.8, 0.11}};
        int total = 0;
        for (double[] note : notes) {
            total += (int) (note[1] * RATE);
        }
        byte[] pcm = new byte[total * 2];
        int at = 0;
        for (double[] note : notes) {
            int length = (int) (note[1] * RATE);
            for (int i = 0; i < length; i++, at++) {
                double t = i / (double) RATE;
                double envelope = Math.min(1.0, i / (RATE * 0.005)) * Math.exp(-6.0 * i / (double) length);
                short sample = (short) (0.25 * Short.MAX_VALUE * envelope * Math.sin(2 * Math.PI * note[0] * t));
                pcm[2 * at] = (byte) sample;
                pcm[2 * at + 1] = (byte) (sample >> 8);
            }
        }
        return pcm;
    }
}
