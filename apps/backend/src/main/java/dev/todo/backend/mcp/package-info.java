/** The MCP server's tools: the same five task tools as the chat assistant, for external agents. */
package dev.todo.backend.mcp;
