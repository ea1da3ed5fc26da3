package io.kubeha.inventory;

import java.util.List;

/** spec.ntp: the NTP server's upstream pools and the networks it serves. */
public record NtpSpec(List<String> upstream, List<String> allow) {}
