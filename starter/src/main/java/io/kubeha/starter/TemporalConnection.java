package io.kubeha.starter;

import io.kubeha.worker.TemporalDevServer;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A connected Temporal client: the service, the workflow client, and where the UI shows a run. */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final String address;
  private final String namespace;
  private final TemporalSecurity security;
  private final boolean embedded;
  private final String approver;

  TemporalConnection(
      WorkflowServiceStubs service,
      String address,
      String namespace,
      TemporalSecurity security,
      boolean embedded) {
    this.service = service;
    Optional<String> identity = ClientIdentity.of(security);
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder().setNamespace(namespace);
    identity.ifPresent(options::setIdentity);
    this.client = WorkflowClient.newInstance(service, options.build());
    this.approver = identity.orElse("cli:" + System.getProperty("user.name", "unknown"));
    this.address = address;
    this.namespace = namespace;
    this.security = security;
    this.embedded = embedded;
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  /** The TLS settings and API key this connection was made with, for a worker to reuse. */
  public TemporalSecurity security() {
    return security;
  }

  /**
   * Who approves, as a run records it: the client certificate's CN, which is also this client's
   * identity (kubeha's authorizer on the server refuses any other); cli:USER without a certificate.
   */
  public String approver() {
    return approver;
  }

  /** The typed stub of a cluster's latest run, for queries and updates. */
  public ClusterBringUp run(String cluster) {
    return client.newWorkflowStub(ClusterBringUp.class, WorkflowIds.cluster(cluster));
  }

  /** The untyped stub of a cluster's latest run, for describe, result and cancel. */
  public WorkflowStub untyped(String cluster) {
    return client.newUntypedWorkflowStub(WorkflowIds.cluster(cluster));
  }

  /** True on the local dev server kubeha started or reused, whose worker is this machine's. */
  public boolean embedded() {
    return embedded;
  }

  /** The run's page in the dev server's UI; only known for the embedded server. */
  public Optional<String> uiUrl(String cluster) {
    return uiPage("workflows/" + WorkflowIds.cluster(cluster));
  }

  /** A Schedule's page in the dev server's UI; only known for the embedded server. */
  public Optional<String> scheduleUiUrl(String scheduleId) {
    return uiPage("schedules/" + scheduleId);
  }

  private Optional<String> uiPage(String path) {
    if (!embedded) {
      return Optional.empty();
    }
    return Optional.of(
        "http://127.0.0.1:"
            + TemporalDevServer.DEFAULT_UI_PORT
            + "/namespaces/"
            + namespace
            + "/"
            + path);
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(2, TimeUnit.SECONDS);
    service.shutdownNow();
  }
}
