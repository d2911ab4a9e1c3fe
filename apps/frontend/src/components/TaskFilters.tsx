"use client";

import type { Priority, SortField, SortOrder, StatusFilter } from "@/lib/types";

export interface Filters {
  status: StatusFilter;
  priority: Priority | "";
  tag: string;
  search: string;
  sort: SortField;
  order: SortOrder;
}

export const DEFAULT_FILTERS: Filters = { status: "all", priority: "", tag: "", search: "", sort: "created", order: "desc" };

/** Sort choices a person understands, each one a (sort, order) pair of the API. */
export const SORT_CHOICES: { value: string; label: string; sort: SortField; order: SortOrder }[] = [
  { value: "created-desc", label: "Newest first", sort: "created", order: "desc" },
  { value: "created-asc", label: "Oldest first", sort: "created", order: "asc" },
  { value: "due-asc", label: "Due date (soonest)", sort: "due", order: "asc" },
  { value: "priority-desc", label: "Priority (high first)", sort: "priority", order: "desc" },
  { value: "priority-asc", label: "Priority (low first)", sort: "priority", order: "asc" },
];

export function isFiltered(f: Filters): boolean {
  return f.status !== "all" || f.priority !== "" || f.tag.trim() !== "" || f.search.trim() !== "";
}

export function TaskFilters({
  filters,
  knownTags,
  onChange,
}: {
  filters: Filters;
  knownTags: string[];
  onChange: (next: Filters) => void;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const sortValue = `${filters.sort}-${filters.order}`;

  return (
    <div className="filters" role="search" aria-label="Filter tasks">
      <div className="field filter-search">
        <label htmlFor="filter-search">Search</label>
        <input
          id="filter-search"
          type="search"
          placeholder="Title or description"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={filters.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="completed">Completed</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-priority">Priority</label>
        <select id="filter-priority" value={filters.priority} onChange={(e) => set({ priority: e.target.value as Priority | "" })}>
          <option value="">Any</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <input
          id="filter-tag"
          list="known-tags"
          placeholder="Any"
          value={filters.tag}
          onChange={(e) => set({ tag: e.target.value })}
        />
        <datalist id="known-tags">
          {knownTags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort</label>
        <select
          id="filter-sort"
          value={sortValue}
          onChange={(e) => {
            const choice = SORT_CHOICES.find((c) => c.value === e.target.value) ?? SORT_CHOICES[0];
            set({ sort: choice.sort, order: choice.order });
          }}
        >
          {SORT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
