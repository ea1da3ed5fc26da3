package io.kubeha.activity;

import io.kubeha.inventory.Inventory;

/** The inventory whose control planes the balancers' nginx proxies to. */
public record RenderNginxInput(Inventory upstreams) {}
