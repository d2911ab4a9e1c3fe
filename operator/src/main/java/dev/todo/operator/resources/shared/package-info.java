/**
 * The children and pieces the backend and the frontend share: the ConfigMap, the generated JWT
 * Secret, the Ingress and the app's URL; the pod around a Deployment's container, the restricted
 * security context, where the pods of every workload run and what they carry besides the operator's
 * labels (PodScheduling, the database's too), the config hash that rolls pods, network policy and
 * autoscaler pieces, and the
 * Secrets the backend references (with their informer). How any child is named, labelled, cached and
 * recorded is in {@code resources/dependent}.
 */
package dev.todo.operator.resources.shared;
