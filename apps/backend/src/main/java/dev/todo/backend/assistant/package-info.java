/**
 * The chat assistant: the five task tools every path shares, the built-in offline assistant
 * (a plain-English command parser), and the LLM assistant that drives the same tools through
 * an OpenAI-compatible provider.
 */
package dev.todo.backend.assistant;
