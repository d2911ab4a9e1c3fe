/**
 * The Todo backend. Packages: {@code auth} (accounts, session tokens), {@code tasks} (the API and
 * SQL), {@code assistant} (task tools, offline and LLM assistants), {@code chat} (conversations),
 * {@code mcp} (MCP tools), {@code db} (pool, migrations, readiness), {@code config}, {@code web}
 * (errors, /health).
 */
package dev.todo.backend;
