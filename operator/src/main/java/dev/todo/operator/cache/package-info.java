/**
 * How the operator caches the children it watches: each informer keeps every object as it came from
 * the API server, but compressed, and without the managedFields entries no server-side apply reads
 * (docs/benchmarks.md, "Operator footprint"). Every dependent's event source is built through
 * {@link dev.todo.operator.cache.CompactCache}.
 */
package dev.todo.operator.cache;
