package io.kubeha.activity;

/** adopted: init had already happened and was not run again. */
public record InitResult(boolean adopted, String adminConfPath, long millis) {}
