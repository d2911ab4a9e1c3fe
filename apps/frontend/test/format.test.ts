import { describe, expect, it } from "vitest";
import { formatDueDate, formatWhen, isOverdue, todayIso } from "@/lib/format";

describe("due dates", () => {
  it("show the calendar day as written, whatever the time zone", () => {
    expect(formatDueDate("2026-01-01")).toBe("1 Jan 2026");
    expect(formatDueDate("2026-12-31")).toBe("31 Dec 2026");
  });

  it("fall back to the raw text when it is not a date", () => {
    expect(formatDueDate("soon")).toBe("soon");
  });

  it("are overdue only when open and before today", () => {
    expect(isOverdue("2026-11-01", false, "2026-11-22")).toBe(true);
    expect(isOverdue("2026-11-01", true, "2026-11-22")).toBe(false);
    expect(isOverdue("2026-11-22", false, "2026-11-22")).toBe(false);
    expect(isOverdue(null, false, "2026-11-22")).toBe(false);
  });

  it("today is the local calendar day", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("when a conversation was last active", () => {
  const now = new Date(2026, 10, 22, 18, 0);
  it("is the time when it was today", () => {
    expect(formatWhen(new Date(2026, 10, 22, 9, 5).toISOString(), now)).toBe("09:05");
  });
  it("is the day when it was earlier this year, with the year before that", () => {
    expect(formatWhen(new Date(2026, 10, 21, 23, 59).toISOString(), now)).toBe("21 Nov");
    expect(formatWhen(new Date(2025, 0, 3, 12, 0).toISOString(), now)).toBe("3 Jan 2025");
  });
  it("is empty for something that is not a time", () => {
    expect(formatWhen("never", now)).toBe("");
  });
});
