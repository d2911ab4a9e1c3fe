package dev.todo.backend.assistant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people type them: today, tonight, tomorrow, the day after tomorrow, (next|this) friday,
 * in 3 days, in 2 weeks, next week, next month, 2026-12-01, dec 1, 1st of december, 12/1.
 */
public final class DatePhrases {

    private static final String DAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tue|tues|thu|thur|thurs|fri)";
    private static final String MONTH = "(?:january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final String NUM = "(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)";
    static final String PHRASE = "(?:today|tonight|this evening|tomorrow|tmrw|tmr|(?:the )?day after tomorrow|next week|next month"
            + "|in " + NUM + " (?:days?|weeks?|months?)"
            + "|(?:next |this |on |coming )?" + DAY
            + "|\\d{4}-\\d{2}-\\d{2}"
            + "|" + MONTH + "\\.? \\d{1,2}(?:st|nd|rd|th)?"
            + "|\\d{1,2}(?:st|nd|rd|th)?(?: of)? " + MONTH
            + "|\\d{1,2}/\\d{1,2})";
    /** A date phrase at the end of a sentence, optionally introduced by due/by/on/for/before/until. */
    private static final Pattern TRAILING = Pattern.compile(
            "(?i)(?:,?\\s+|^)(?:(?:due(?: date)?|by|on|for|before|until|at)\\s+)?(?:(?:on|the)\\s+)?(" + PHRASE + ")\\s*$");

    private DatePhrases() {
    }

    /** @return the date {@code phrase} names relative to {@code today}, if it is one */
    public static Optional<LocalDate> parse(String phrase, LocalDate today) {
        String p = phrase.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        p = p.replaceFirst("^(?:due(?: date)?|by|on|for|before|until|at) ", "").replaceFirst("^(?:on|the) ", "");
        switch (p) {
            case "today", "tonight", "this evening":
                return Optional.of(today);
            case "tomorrow", "tmrw", "tmr":
                return Optional.of(today.plusDays(1));
            case "day after tomorrow", "the day after tomorrow":
                return Optional.of(today.plusDays(2));
            case "next week":
                return Optional.of(today.plusWeeks(1));
            case "next month":
                return Optional.of(today.plusMonths(1));
            default:
                break;
        }
        Matcher in = Pattern.compile("^in (" + NUM + ") (day|week|month)s?$").matcher(p);
        if (in.matches()) {
            int n = number(in.group(1));
            return Optional.of(switch (in.group(2)) {
                case "day" -> today.plusDays(n);
                case "week" -> today.plusWeeks(n);
                default -> today.plusMonths(n);
            });
        }
        Matcher day = Pattern.compile("^(next |this |on |coming )?(" + DAY + ")$").matcher(p);
        if (day.matches()) {
            DayOfWeek dow = dayOfWeek(day.group(2));
            // "friday"/"this friday": the coming one (a week ahead when today is friday); "next friday" likewise.
            return Optional.of(today.with(TemporalAdjusters.next(dow)));
        }
        if (p.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return Optional.of(LocalDate.parse(p));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher md = Pattern.compile("^(" + MONTH + ")\\.? (\\d{1,2})(?:st|nd|rd|th)?$").matcher(p);
        Matcher dm = Pattern.compile("^(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (" + MONTH + ")$").matcher(p);
        Matcher slash = Pattern.compile("^(\\d{1,2})/(\\d{1,2})$").matcher(p);
        try {
            if (md.matches()) {
                return Optional.of(upcoming(today, month(md.group(1)), Integer.parseInt(md.group(2))));
            }
            if (dm.matches()) {
                return Optional.of(upcoming(today, month(dm.group(2)), Integer.parseInt(dm.group(1))));
            }
            if (slash.matches()) {
                return Optional.of(upcoming(today, Month.of(Integer.parseInt(slash.group(1))), Integer.parseInt(slash.group(2))));
            }
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Splits a trailing date phrase off {@code text}: "buy milk tomorrow" -> ("buy milk", tomorrow). */
    public static Optional<Split> splitTrailing(String text, LocalDate today) {
        Matcher m = TRAILING.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return parse(m.group(1), today).map(d -> new Split(text.substring(0, m.start()).trim(), d));
    }

    public record Split(String rest, LocalDate date) {
    }

    private static LocalDate upcoming(LocalDate today, Month month, int day) {
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isBefore(today) ? d.plusYears(1) : d;
    }

    private static int number(String s) {
        return switch (s) {
            case "a", "an", "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            default -> Math.min(Integer.parseInt(s), 3650);
        };
    }

    private static DayOfWeek dayOfWeek(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(s.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException(s);
    }

    private static Month month(String s) {
        for (Month m : Month.values()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(s.substring(0, 3))) {
                return m;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
