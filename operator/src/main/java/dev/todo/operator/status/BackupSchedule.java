package dev.todo.operator.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a backup schedule runs next, for status.backup.nextScheduledTime: the cron syntax of
 * Kubernetes CronJobs (five fields with numbers, names, ranges, steps and lists, or a macro), evaluated
 * in UTC, the time zone of a controller-manager that sets none.
 */
public final class BackupSchedule {
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
      "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private BackupSchedule() {
  }

  /** The first minute after {@code after} the schedule matches; empty for a schedule it cannot read. */
  public static Optional<Instant> next(String schedule, Instant after) {
    String expression = MACROS.getOrDefault(schedule.trim().toLowerCase(Locale.ROOT), schedule.trim());
    String[] f = expression.split("\\s+");
    if (f.length != 5) {
      return Optional.empty();
    }
    BitSet minutes;
    BitSet hours;
    BitSet daysOfMonth;
    BitSet months;
    BitSet daysOfWeek;
    try {
      minutes = field(f[0], 0, 59, null);
      hours = field(f[1], 0, 23, null);
      daysOfMonth = field(f[2], 1, 31, null);
      months = field(f[3], 1, 12, MONTHS);
      daysOfWeek = field(f[4], 0, 7, DAYS);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0); // 7 is Sunday too
    }
    boolean anyDayOfMonth = isAny(f[2]);
    boolean anyDayOfWeek = isAny(f[4]);
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime end = t.plusYears(5);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
        continue;
      }
      boolean dom = daysOfMonth.get(t.getDayOfMonth());
      boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
      // Cron's rule: with both day fields restricted, either may match; otherwise both must.
      boolean day = anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
      if (!day) {
        t = t.withHour(0).withMinute(0).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return Optional.of(t.toInstant());
    }
    return Optional.empty();
  }

  private static boolean isAny(String field) {
    return "*".equals(field) || "?".equals(field);
  }

  private static BitSet field(String field, int min, int max, String[] names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = Integer.parseInt(part.substring(slash + 1));
        if (step < 1) {
          throw new IllegalArgumentException("step " + step);
        }
      }
      int from;
      int to;
      if ("*".equals(range) || "?".equals(range)) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = value(ends[0], names, min);
        to = value(ends[1], names, min);
      } else {
        from = value(range, names, min);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException(part + " is out of " + min + "-" + max);
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int value(String text, String[] names, int min) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(text)) {
          return i + min;
        }
      }
    }
    return Integer.parseInt(text);
  }
}
