/** HTTP plumbing shared by every resource: the error body, the exception mappers, and /health. */
package dev.todo.backend.web;
