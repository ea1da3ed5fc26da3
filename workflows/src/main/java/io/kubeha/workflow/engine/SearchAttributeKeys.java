package io.kubeha.workflow.engine;

import io.temporal.common.SearchAttributeKey;

/** Search attributes kubeha sets; the server (or test environment) must have them registered. */
public final class SearchAttributeKeys {
  private SearchAttributeKeys() {}

  /** The phase a bring-up is in (a Phase name), so runs can be listed by phase. */
  public static final SearchAttributeKey<String> KUBEHA_PHASE =
      SearchAttributeKey.forKeyword("KubehaPhase");
}
