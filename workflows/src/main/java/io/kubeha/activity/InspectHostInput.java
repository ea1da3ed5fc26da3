package io.kubeha.activity;

import java.util.List;

/** Which host to inspect and which TCP ports must be free on it. */
public record InspectHostInput(SshTarget target, List<Integer> portsToCheck) {}
