import { PRIORITY_LABEL } from "@/lib/format";
import type { Priority } from "@/lib/types";

const PRIORITIES: Priority[] = ["low", "medium", "high"];

/** A labelled priority choice, as the new-task form and the task editor both ask for it. */
export function PriorityField({
  id,
  value,
  onChange,
  className = "field",
}: {
  id: string;
  value: Priority;
  onChange: (value: Priority) => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>Priority</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Priority)}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABEL[p]}
          </option>
        ))}
      </select>
    </div>
  );
}
