import { TodoApp } from "@/components/TodoApp";

export default function Home() {
  return <TodoApp />;
}
