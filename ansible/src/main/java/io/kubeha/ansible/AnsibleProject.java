package io.kubeha.ansible;

import java.util.SortedMap;

/** A rendered Ansible project: file contents by path relative to the project directory. */
public record AnsibleProject(SortedMap<String, String> files) {
  public static final String SITE = "site.yml";
  public static final String INVENTORY = "inventory.yml";
  public static final String CONFIG = "ansible.cfg";
}
