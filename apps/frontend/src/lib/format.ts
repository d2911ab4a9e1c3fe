// Display helpers, kept pure so they are unit-tested.

/** "2026-11-24" -> "24 Nov 2026"; the date is a calendar day, so no time zone may shift it. */
export function formatDueDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Today's calendar day in the browser's time zone, as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isOverdue(dueDate: string | null, completed: boolean, today: string = todayIso()): boolean {
  return !completed && !!dueDate && dueDate < today;
}

/** When something happened: the time if it was today, else the day ("21 Nov"), with the year if not this year. */
export function formatWhen(instant: string, now: Date = new Date()): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return "";
  if (d.toDateString() === now.toDateString()) {
    return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" }).format(d);
  }
  const sameYear = d.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) }).format(d);
}

export const PRIORITY_LABEL = { low: "Low", medium: "Medium", high: "High" } as const;
