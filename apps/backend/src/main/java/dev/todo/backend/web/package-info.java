/**
 * HTTP plumbing shared by every resource: the error body and the exception mappers, /health, what the OpenAPI
 * document says beyond the annotations ({@code ApiContract}) and the text rules it shares with the server
 * ({@code Text}), strict JSON types, the body size limit, the Allow header, and the client address behind proxies.
 */
package dev.todo.backend.web;
