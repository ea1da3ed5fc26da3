/**
 * The day-2 operations' commands as data: the shell text of an upgrade, a removal, a reset, a
 * restore and a certificate renewal, which the activities run, and one renderer per operation that
 * lays them out as a plan (waves of hosts, each host's steps, each step's commands and waits) from
 * the inventory alone. Pure: no I/O, deterministic.
 */
package io.kubeha.plan.daytwo;
