/** Tasks: the validated changes, the query (filter/sort/page), the SQL, and the REST resource. */
package dev.todo.backend.tasks;
