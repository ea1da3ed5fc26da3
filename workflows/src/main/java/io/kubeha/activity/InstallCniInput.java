package io.kubeha.activity;

import io.kubeha.plan.Step;
import java.util.List;

/** The CNI step, run on the first master, and the node names that must turn Ready. */
public record InstallCniInput(SshTarget firstMaster, Step cniStep, List<String> expectedNodes) {}
