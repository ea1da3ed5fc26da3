package io.kubeha.activity;

/** The check's image (a pinned reference) and the cluster's DNS domain. */
public record RenderCheckWorkloadInput(String image, String dnsDomain) {}
