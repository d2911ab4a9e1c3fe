/**
 * Accounts (bcrypt hashes), HS256 session tokens, the mechanism that reads them from the Bearer header or the
 * todo_session cookie, and the sign-in throttle (per account and per client address, {@code LoginThrottle}).
 */
package dev.todo.backend.auth;
