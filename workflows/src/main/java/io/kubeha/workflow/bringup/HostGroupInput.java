package io.kubeha.workflow.bringup;

/**
 * Run group number group (from 1) of the parent bring-up's hosts; the rest comes from the parent.
 */
public record HostGroupInput(int group) {}
