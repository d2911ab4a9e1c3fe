/**
 * What the backend and the frontend share: the ConfigMap, the generated JWT Secret, the Ingress,
 * labels, names, metadata, the restricted security context, the config hash that rolls pods, the
 * referenced-Secrets informer, and the API discovery that decides which optional kinds exist.
 */
package dev.todo.operator.resources.shared;
