package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Effects on one host: look at it, apply one plan step. */
@ActivityInterface
public interface HostActivities {

  /** Preflight: connect (host key verified), check sudo, and report what kubeadm cares about. */
  @ActivityMethod(name = "InspectHost")
  HostFacts inspectHost(InspectHostInput input);

  /** Check, apply only what is missing, verify: one step of the plan on one host. */
  @ActivityMethod(name = "ApplyStep")
  StepResult applyStep(ApplyStepInput input);
}
