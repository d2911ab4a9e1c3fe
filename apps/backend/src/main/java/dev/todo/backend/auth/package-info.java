/** Accounts (bcrypt hashes), HS256 session tokens, and the mechanism that reads them from the Bearer header or the todo_session cookie. */
package dev.todo.backend.auth;
