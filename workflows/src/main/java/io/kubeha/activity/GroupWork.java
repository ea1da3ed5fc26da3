package io.kubeha.activity;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer.TimePackage;
import io.kubeha.plan.graph.GraphPart;

/**
 * What a group of hosts needs from its parent bring-up: the inventory of its hosts and the first
 * master (joins name it), their plan, their part of the graph, its share of the cluster's bound and
 * the plan's layout. Read through an activity, so none of it is in the parent's history.
 */
public record GroupWork(
    Inventory inventory, PlanData plan, GraphPart graph, int share, TimePackage timePackage) {}
