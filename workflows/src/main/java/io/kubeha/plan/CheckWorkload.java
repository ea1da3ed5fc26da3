package io.kubeha.plan;

import io.kubeha.inventory.ImageReference;
import java.util.Optional;

/**
 * The workload `kubeha check` runs to prove the cluster serves one: a Namespace, a Deployment of
 * agnhost netexec spread over the nodes, and a NodePort Service in front of it. Rendered here, so
 * the manifest is data in the run's history; it holds no secret.
 */
public final class CheckWorkload {
  public static final String NAMESPACE = "kubeha-check";
  public static final String NAME = "kubeha-check";
  public static final String DEFAULT_IMAGE = "registry.k8s.io/e2e-test-images/agnhost:2.66.1";
  public static final int REPLICAS = 3;
  public static final int POD_PORT = 8080;
  public static final int SERVICE_PORT = 80;

  /** The label the Deployment selects its Pods by. */
  public static final String APP_LABEL = "app.kubernetes.io/name";

  private CheckWorkload() {}

  /** Why image cannot be the check's image, or empty when it can. */
  public static Optional<String> imageProblem(String image) {
    return ImageReference.problem(image).map(p -> p + ", e.g. " + DEFAULT_IMAGE);
  }

  /** The Service's name in cluster DNS: kubeha-check.kubeha-check.svc.DOMAIN. */
  public static String serviceDnsName(String dnsDomain) {
    return NAME + "." + NAMESPACE + ".svc." + dnsDomain;
  }

  /** The manifest; the image is refused unless it is a pinned reference (nothing else gets in). */
  public static String manifest(String image, String dnsDomain) {
    imageProblem(image)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    return TEMPLATE
        .replace("@NAMESPACE@", NAMESPACE)
        .replace("@NAME@", NAME)
        .replace("@LABEL@", APP_LABEL)
        .replace("@REPLICAS@", Integer.toString(REPLICAS))
        .replace("@IMAGE@", image)
        .replace("@POD_PORT@", Integer.toString(POD_PORT))
        .replace("@SERVICE_PORT@", Integer.toString(SERVICE_PORT))
        .replace("@DNS_NAME@", serviceDnsName(dnsDomain));
  }

  private static final String TEMPLATE =
      """
      # kubeha check: a workload that proves the cluster serves one; kubeha deletes it afterwards.
      apiVersion: v1
      kind: Namespace
      metadata:
        name: @NAMESPACE@
        labels:
          app.kubernetes.io/managed-by: kubeha
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: @NAME@
        namespace: @NAMESPACE@
        labels:
          @LABEL@: @NAME@
          app.kubernetes.io/managed-by: kubeha
      spec:
        replicas: @REPLICAS@
        selector:
          matchLabels:
            @LABEL@: @NAME@
        template:
          metadata:
            labels:
              @LABEL@: @NAME@
          spec:
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: kubernetes.io/hostname
                whenUnsatisfiable: ScheduleAnyway
                labelSelector:
                  matchLabels:
                    @LABEL@: @NAME@
            containers:
              - name: netexec
                image: @IMAGE@
                # Serves on for 5 s after SIGTERM (its /readyz says 503): a drain's eviction then
                # leaves no Service endpoint that no longer answers while kube-proxy catches up.
                args: ["netexec", "--http-port=@POD_PORT@", "--delay-shutdown=5"]
                ports:
                  - name: http
                    containerPort: @POD_PORT@
                readinessProbe:
                  httpGet:
                    path: /readyz
                    port: @POD_PORT@
                  periodSeconds: 2
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: @NAME@
        namespace: @NAMESPACE@
        labels:
          app.kubernetes.io/managed-by: kubeha
        annotations:
          # The name the check asks cluster DNS for, from the nodes and from inside the Pods.
          kubeha.io/check-dns-name: @DNS_NAME@
      spec:
        type: NodePort
        selector:
          @LABEL@: @NAME@
        ports:
          - name: http
            port: @SERVICE_PORT@
            targetPort: @POD_PORT@
      """;
}
