package dev.todo.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** status.backup.nextScheduledTime: when a CronJob with this schedule runs next (UTC). */
class BackupScheduleTest {

  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0 3 * * *          | 2026-11-29T12:00:00Z | 2026-11-30T03:00:00Z
      0 3 * * *          | 2026-11-29T02:59:30Z | 2026-11-29T03:00:00Z
      0 3 * * *          | 2026-11-29T03:00:00Z | 2026-11-30T03:00:00Z
      */15 * * * *       | 2026-11-29T12:07:00Z | 2026-11-29T12:15:00Z
      @hourly            | 2026-11-29T12:07:00Z | 2026-11-29T13:00:00Z
      @daily             | 2026-12-31T23:59:00Z | 2027-01-01T00:00:00Z
      30 2 * * MON-FRI   | 2026-11-28T00:00:00Z | 2026-11-30T02:30:00Z
      0 0 1 JAN *        | 2026-11-29T00:00:00Z | 2027-01-01T00:00:00Z
      0 0 29 2 *         | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z
      0 12 13 * 5        | 2026-11-29T00:00:00Z | 2026-12-04T12:00:00Z
      0 0 * * 7          | 2026-11-29T12:00:00Z | 2026-12-06T00:00:00Z
      5,35 1-2 * * ?     | 2026-11-29T01:40:00Z | 2026-11-29T02:05:00Z
      """)
  void theNextRunIsTheFirstMatchingMinuteAfterNow(String schedule, String now, String next) {
    assertEquals(Optional.of(Instant.parse(next)), BackupSchedule.next(schedule, Instant.parse(now)));
  }

  @ParameterizedTest
  @CsvSource({"'0 3 * *'", "'61 * * * *'", "'0 0 31 2 *'", "'*/0 * * * *'", "'x y z a b'"})
  void anUnreadableOrImpossibleScheduleHasNoNextRun(String schedule) {
    assertEquals(Optional.empty(), BackupSchedule.next(schedule, Instant.parse("2026-11-29T00:00:00Z")));
  }
}
