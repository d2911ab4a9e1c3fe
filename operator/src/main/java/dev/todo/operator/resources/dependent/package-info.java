/**
 * The machinery every child of a TodoApp uses, whatever it is: the dependent bases
 * ({@code ChildDependent}, {@code TodoAppDependent} kept as desired, {@code CreateOnceDependent} left as
 * created), the child's name, labels and metadata ({@code ChildNames}, {@code Labels},
 * {@code ChildMetadata}), the informers several children share ({@code SharedInformers}), which
 * optional APIs the cluster serves ({@code ServedApis} and the activation conditions on it), and the
 * Events recorded on the TodoApp ({@code TodoAppEvents}). The children themselves are in the
 * packages next to this one.
 */
package dev.todo.operator.resources.dependent;
