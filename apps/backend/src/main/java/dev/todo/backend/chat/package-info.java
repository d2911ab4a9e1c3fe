/** Chat: conversations and messages stored in the database, and the endpoints that run one turn of the assistant. */
package dev.todo.backend.chat;
