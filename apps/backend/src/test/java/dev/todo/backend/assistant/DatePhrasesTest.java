package dev.todo.backend.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatePhrasesTest {

    /** A Wednesday. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @ParameterizedTest
    @CsvSource({
            "today, 2026-11-25", "tonight, 2026-11-25", "tomorrow, 2026-11-26", "tmrw, 2026-11-26",
            "the day after tomorrow, 2026-11-27", "friday, 2026-11-27", "on friday, 2026-11-27", "next friday, 2026-11-27",
            "wednesday, 2026-12-02", "by monday, 2026-11-30", "in 3 days, 2026-11-28", "in two weeks, 2026-12-09",
            "in a month, 2026-12-25", "next week, 2026-12-02", "2027-01-15, 2027-01-15", "dec 1, 2026-12-01",
            "December 24th, 2026-12-24", "1st of march, 2027-03-01", "3 january, 2027-01-03", "12/31, 2026-12-31",
            "due tomorrow, 2026-11-26" })
    void understandsCommonDatePhrases(String phrase, String expected) {
        assertEquals(Optional.of(LocalDate.parse(expected)), DatePhrases.parse(phrase, TODAY));
    }

    @Test
    void rejectsNonDates() {
        assertTrue(DatePhrases.parse("someday", TODAY).isEmpty());
        assertTrue(DatePhrases.parse("feb 30", TODAY).isEmpty());
        assertTrue(DatePhrases.parse("2026-13-01", TODAY).isEmpty());
    }

    @Test
    void splitsATrailingDateOffATitle() {
        assertEquals(new DatePhrases.Split("buy milk", TODAY.plusDays(1)), DatePhrases.splitTrailing("buy milk tomorrow", TODAY).get());
        assertEquals(new DatePhrases.Split("pay rent", LocalDate.of(2026, 12, 1)), DatePhrases.splitTrailing("pay rent due dec 1", TODAY).get());
        assertTrue(DatePhrases.splitTrailing("read the sunday paper", TODAY).isEmpty());
    }
}
