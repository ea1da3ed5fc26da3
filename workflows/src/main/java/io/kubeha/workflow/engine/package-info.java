/**
 * The engine every operation runs on: phases in sequence, the step runner and its host calls,
 * bounded fan-out, the hosts board and progress, the approval gate, the run's details and the
 * activity stubs, ids, queues and start options.
 *
 * <p>The engine imports no operation package; an operation (bringup, upgrade, removal, reset,
 * restore, backup, certs, check) imports the engine and, where it shares a phase, {@code common}.
 */
package io.kubeha.workflow.engine;
