package app.belfry.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * {@code createdAt} on the wire: written like JavaScript's {@code Date.toISOString()}, read from ISO-8601 with
 * {@code Z} or an offset, or from a number of epoch milliseconds.
 */
final class WireTime {

    /** JavaScript's Date range: 100,000,000 days either side of the epoch. */
    static final long MAX_EPOCH_MILLIS = 8_640_000_000_000_000L;

    /** Longer text is no timestamp; refusing it early keeps a huge string out of the parser's exception. */
    private static final int MAX_TEXT_LENGTH = 64;

    private WireTime() {
    }

    /** {@code 2026-11-25T10:15:00.000Z}: UTC, milliseconds (finer digits are dropped), years past 9999 as +YYYYYY. */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        StringBuilder out = new StringBuilder(27);
        int year = date.getYear();
        if (year >= 0 && year <= 9999) {
            pad(out, year, 4);
        } else {
            out.append(year < 0 ? '-' : '+');
            pad(out, Math.abs(year), 6);
        }
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
        out.append('T');
        pad(out, secondOfDay / 3600, 2);
        out.append(':');
        pad(out, secondOfDay / 60 % 60, 2);
        out.append(':');
        pad(out, secondOfDay % 60, 2);
        out.append('.');
        pad(out, instant.getNano() / 1_000_000, 3);
        return out.append('Z').toString();
    }

    /** The instant that a wire value stands for, or null when it stands for none. */
    static Instant parse(Object value) {
        Object plain = JsonValues.plain(value);
        if (plain instanceof String text) {
            return parseText(text);
        }
        if (plain instanceof Number number) {
            return fromEpochMillis(number);
        }
        if (plain instanceof Instant instant) {
            return instant;
        }
        if (plain instanceof Date date) {
            return date.toInstant();
        }
        if (plain instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (plain instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        return null;
    }

    static Instant fromEpochMillis(Number number) {
        Long millis = JsonValues.wholeNumber(number);
        if (millis == null || Math.abs(millis) > MAX_EPOCH_MILLIS) {
            return null;
        }
        return Instant.ofEpochMilli(millis);
    }

    static Instant parseText(String text) {
        int length = text.length();
        if (length == 24) {
            Instant fast = parseJavaScriptForm(text);
            if (fast != null) {
                return fast;
            }
        }
        if (length < 16 || length > MAX_TEXT_LENGTH) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The common shape {@code yyyy-MM-ddTHH:mm:ss.SSSZ} without the general parser; null for anything else. */
    private static Instant parseJavaScriptForm(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int millis = digits(s, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The decimal number in s[from, to), or -1 when a character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
