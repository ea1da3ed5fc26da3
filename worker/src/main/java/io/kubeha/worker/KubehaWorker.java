package io.kubeha.worker;

import io.kubeha.activities.Certificates;
import io.kubeha.activities.ClusterActivitiesImpl;
import io.kubeha.activities.EtcdBackups;
import io.kubeha.activities.EtcdRestore;
import io.kubeha.activities.HostActivitiesImpl;
import io.kubeha.activities.InventoryActivitiesImpl;
import io.kubeha.activities.NodeRemoval;
import io.kubeha.activities.NodeUpgrade;
import io.kubeha.activities.PlanActivitiesImpl;
import io.kubeha.activities.RunningOperations;
import io.kubeha.activities.WorkloadChecks;
import io.kubeha.files.AllowedRoots;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.kubeha.workflow.backup.ClusterBackupImpl;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostGroupImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.certs.ClusterCertificatesImpl;
import io.kubeha.workflow.check.ClusterCheckImpl;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.removal.ClusterRemoveNodesImpl;
import io.kubeha.workflow.reset.ClusterResetImpl;
import io.kubeha.workflow.restore.ClusterRestoreImpl;
import io.kubeha.workflow.upgrade.ClusterUpgradeImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The process that hosts kubeha's workflows and activities; run more of them to scale. */
public final class KubehaWorker implements AutoCloseable {
  /**
   * Every workflow the worker runs: the cluster's operations and the bring-up's children (HostPrep,
   * and a big bring-up's HostGroup).
   */
  public static final java.util.List<Class<?>> WORKFLOWS =
      java.util.List.of(
          ClusterBringUpImpl.class,
          HostPrepImpl.class,
          HostGroupImpl.class,
          ClusterRemoveNodesImpl.class,
          ClusterResetImpl.class,
          ClusterUpgradeImpl.class,
          ClusterCertificatesImpl.class,
          ClusterBackupImpl.class,
          ClusterRestoreImpl.class,
          ClusterCheckImpl.class);

  private static final Logger log = LoggerFactory.getLogger(KubehaWorker.class);
  // Activities mostly wait on remote commands; the bound protects the worker's SSH channels and
  // memory.
  public static final int MAX_CONCURRENT_ACTIVITIES = 200;
  public static final int MAX_CONCURRENT_WORKFLOW_TASKS = 50;
  private static final long SHUTDOWN_GRACE_SECONDS = 20;

  private final WorkflowServiceStubs service;
  private final WorkerFactory factory;
  private final SshConnections connections;

  private KubehaWorker(
      WorkflowServiceStubs service, WorkerFactory factory, SshConnections connections) {
    this.service = service;
    this.factory = factory;
    this.connections = connections;
  }

  /**
   * Connects to Temporal at address, registers everything on task queue kubeha, and starts polling.
   */
  public static KubehaWorker start(String address) {
    return start(address, "default");
  }

  /** The same in a namespace other than default. */
  public static KubehaWorker start(String address, String namespace) {
    return start(address, namespace, TemporalSecurity.NONE);
  }

  /**
   * The same over TLS, with a client certificate or an API key when security names them; local
   * files only under $KUBEHA_HOME and $KUBEHA_ALLOWED_PATHS.
   */
  public static KubehaWorker start(String address, String namespace, TemporalSecurity security) {
    return start(address, namespace, security, WorkerRoots.of(java.util.List.of()));
  }

  /** The same with the local files a workflow input may name only under roots. */
  public static KubehaWorker start(
      String address, String namespace, TemporalSecurity security, AllowedRoots roots) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(TemporalServiceOptions.of(address, security));
    WorkerIdentity identity = WorkerIdentity.ofThisProcess();
    WorkflowClient client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setIdentity(identity.toString())
                .build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = newWorker(factory);
    worker.registerWorkflowImplementationTypes(WORKFLOWS.toArray(Class<?>[]::new));
    SshConnections connections = new SshConnections(WorkerRoots.forSsh(roots));
    worker.registerActivitiesImplementations(activities(client, connections, roots));
    factory.start();
    new LostAttempts(client, TaskQueues.KUBEHA, identity).takeBackInBackground();
    log.info(
        "worker polling task queue {} at {} (namespace {}); local files only under {}",
        TaskQueues.KUBEHA,
        address,
        namespace,
        roots);
    return new KubehaWorker(service, factory, connections);
  }

  /** The argument of {@link #main} that runs {@link #warmUp} instead of a worker. */
  public static final String WARM_UP = "--warm-up";

  /**
   * Loads what a starting worker loads before it polls (the client, the factory, every workflow and
   * activity registered, a gRPC call), without a server: a JVM that ends here with
   * -XX:ArchiveClassesAtExit leaves a class-data archive that starts the next worker in about half
   * the time (1.1 s to 0.6 s here), which a worker started again after a crash waits out.
   */
  public static void warmUp() {
    // A loopback port nothing listens on: the call is refused at once.
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            TemporalServiceOptions.of("127.0.0.1:1", TemporalSecurity.NONE));
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setIdentity(WorkerIdentity.ofThisProcess().toString())
                  .build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = newWorker(factory);
      worker.registerWorkflowImplementationTypes(WORKFLOWS.toArray(Class<?>[]::new));
      AllowedRoots roots = WorkerRoots.of(java.util.List.of());
      worker.registerActivitiesImplementations(
          activities(client, new SshConnections(WorkerRoots.forSsh(roots)), roots));
      try {
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(
                io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
      } catch (io.grpc.StatusRuntimeException expected) {
        // Refused: the transport's classes are loaded.
      }
    } finally {
      service.shutdownNow();
    }
  }

  /** Every activity the worker runs, over connections, with local files only under roots. */
  static Object[] activities(
      WorkflowClient client, SshConnections connections, AllowedRoots roots) {
    StepExecutor executor = new StepExecutor(ArtifactCache.atDefaultLocation(), roots);
    return new Object[] {
      new HostActivitiesImpl(connections, executor),
      new ClusterActivitiesImpl(connections, executor, StepExecutor.DEFAULT_BASE_DIR, roots),
      new InventoryActivitiesImpl(client),
      new PlanActivitiesImpl(client),
      new RunningOperations(client),
      new NodeRemoval(connections, StepExecutor.DEFAULT_BASE_DIR),
      new NodeUpgrade(connections, StepExecutor.DEFAULT_BASE_DIR),
      new Certificates(connections, StepExecutor.DEFAULT_BASE_DIR, roots),
      new EtcdBackups(connections, StepExecutor.DEFAULT_BASE_DIR, roots),
      new EtcdRestore(connections, StepExecutor.DEFAULT_BASE_DIR, roots),
      new WorkloadChecks(connections)
    };
  }

  /** A worker on task queue kubeha with kubeha's concurrency limits, nothing registered yet. */
  static Worker newWorker(WorkerFactory factory) {
    return factory.newWorker(
        TaskQueues.KUBEHA,
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(MAX_CONCURRENT_ACTIVITIES)
            .setMaxConcurrentWorkflowTaskExecutionSize(MAX_CONCURRENT_WORKFLOW_TASKS)
            .build());
  }

  /** SSH connections the worker opened to a host so far. */
  public int connectionsOpened(String host) {
    return connections.connectionsOpened(host);
  }

  /** Stops polling, lets running tasks finish for a grace period, then closes SSH connections. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    connections.close();
    service.shutdownNow();
    log.info("worker stopped");
  }

  /**
   * Runs a worker until SIGTERM or SIGINT: `KubehaWorker [ADDRESS]`, default $TEMPORAL_ADDRESS or
   * 127.0.0.1:7233; TLS and the API key from the temporal CLI's variables ($TEMPORAL_TLS_...);
   * local files under $KUBEHA_HOME and $KUBEHA_ALLOWED_PATHS.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && args[0].equals(WARM_UP)) {
      warmUp();
      System.exit(0); // no thread of the SDK keeps the JVM (and the archive's dump) waiting
    }
    String address =
        args.length > 0
            ? args[0]
            : System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    KubehaWorker worker =
        start(address, "default", TemporalSecurity.fromEnvironment(System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "kubeha-worker-shutdown"));
    Thread.currentThread().join();
  }
}
