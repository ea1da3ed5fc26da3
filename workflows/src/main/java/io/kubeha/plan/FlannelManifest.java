package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import java.util.List;
import java.util.Map;

/**
 * The flannel add-on: flannel's own Documentation/kube-flannel.yml of the release, rendered here
 * with net-conf.json's Network set to the pod subnet, and applied with admin.conf. Only the
 * Network, the two image tags and the file's comments differ from upstream's. The manifest is
 * rendered, not downloaded: flannel publishes no checksum for it to check a download against.
 */
public final class FlannelManifest {
  public static final String MANIFEST = KubeadmConfig.DIR + "/kube-flannel.yml";
  public static final String NAMESPACE = "kube-flannel";
  public static final String DAEMONSET = "kube-flannel-ds";

  /** flannel's release → the flannel-cni-plugin image its kube-flannel.yml names. */
  static final Map<String, String> CNI_PLUGIN_TAGS = Map.of("0.28.10", "v1.9.1-flannel3");

  private FlannelManifest() {}

  /** The releases whose manifest kubeha renders. */
  public static List<String> versions() {
    return CNI_PLUGIN_TAGS.keySet().stream().sorted().toList();
  }

  public static String flannelImage(String version) {
    return "ghcr.io/flannel-io/flannel:v" + version;
  }

  public static String cniPluginImage(String version) {
    String tag = CNI_PLUGIN_TAGS.get(version);
    if (tag == null) {
      throw new IllegalArgumentException(
          "spec.kubernetes.cniVersion: flannel "
              + version
              + " is not a release kubeha renders; use one of "
              + versions());
    }
    return "ghcr.io/flannel-io/flannel-cni-plugin:" + tag;
  }

  static String render(String version, String podSubnet) {
    // The subnet lands in JSON inside YAML.
    return TEMPLATE
        .replace("@NETWORK@", CniManifest.requireCidr(podSubnet))
        .replace("@FLANNEL_IMAGE@", flannelImage(version))
        .replace("@CNI_PLUGIN_IMAGE@", cniPluginImage(version));
  }

  public static Step step(Inventory inv) {
    String version = inv.spec().kubernetes().cniVersion();
    String manifest = render(version, inv.spec().kubernetes().podSubnet());
    return new Step(
        "cni",
        Phase.INSTALL_CNI,
        "Install the flannel network add-on",
        List.of(FileSpec.of(MANIFEST, "0644", manifest)),
        List.of(),
        // Applied whenever the file changed (a new version or subnet), and when an interrupted
        // run left it pending; server-side apply makes a re-apply harmless.
        List.of(
            Action.onChange(
                "apply-flannel",
                CniManifest.KUBECTL + " apply --server-side --force-conflicts -f " + MANIFEST)));
  }

  private static final String TEMPLATE =
      """
      # flannel's Documentation/kube-flannel.yml, rendered by kubeha: Network is the pod subnet.
      ---
      kind: Namespace
      apiVersion: v1
      metadata:
        name: kube-flannel
        labels:
          k8s-app: flannel
          pod-security.kubernetes.io/enforce: privileged
      ---
      kind: ClusterRole
      apiVersion: rbac.authorization.k8s.io/v1
      metadata:
        labels:
          k8s-app: flannel
        name: flannel
      rules:
      - apiGroups:
        - ""
        resources:
        - pods
        verbs:
        - get
      - apiGroups:
        - ""
        resources:
        - nodes
        verbs:
        - get
        - list
        - watch
      - apiGroups:
        - ""
        resources:
        - nodes/status
        verbs:
        - patch
      ---
      kind: ClusterRoleBinding
      apiVersion: rbac.authorization.k8s.io/v1
      metadata:
        labels:
          k8s-app: flannel
        name: flannel
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: flannel
      subjects:
      - kind: ServiceAccount
        name: flannel
        namespace: kube-flannel
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        labels:
          k8s-app: flannel
        name: flannel
        namespace: kube-flannel
      ---
      kind: ConfigMap
      apiVersion: v1
      metadata:
        name: kube-flannel-cfg
        namespace: kube-flannel
        labels:
          tier: node
          k8s-app: flannel
          app: flannel
      data:
        cni-conf.json: |
          {
            "name": "cbr0",
            "cniVersion": "1.0.0",
            "plugins": [
              {
                "type": "flannel",
                "delegate": {
                  "hairpinMode": true,
                  "isDefaultGateway": true
                }
              },
              {
                "type": "portmap",
                "capabilities": {
                  "portMappings": true
                }
              }
            ]
          }
        net-conf.json: |
          {
            "Network": "@NETWORK@",
            "EnableNFTables": false,
            "Backend": {
              "Type": "vxlan"
            }
          }
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: kube-flannel-ds
        namespace: kube-flannel
        labels:
          tier: node
          app: flannel
          k8s-app: flannel
      spec:
        selector:
          matchLabels:
            app: flannel
        template:
          metadata:
            labels:
              tier: node
              app: flannel
          spec:
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - key: kubernetes.io/os
                      operator: In
                      values:
                      - linux
            hostNetwork: true
            priorityClassName: system-node-critical
            tolerations:
            - operator: Exists
              effect: NoSchedule
            serviceAccountName: flannel
            initContainers:
            - name: install-cni-plugin
              image: @CNI_PLUGIN_IMAGE@
              command:
              - cp
              args:
              - -f
              - /flannel
              - /opt/cni/bin/flannel
              volumeMounts:
              - name: cni-plugin
                mountPath: /opt/cni/bin
            - name: install-cni
              image: @FLANNEL_IMAGE@
              command:
              - /opt/bin/install-conf
              args:
              - /etc/kube-flannel/cni-conf.json
              - /etc/cni/net.d/10-flannel.conflist
              volumeMounts:
              - name: cni
                mountPath: /etc/cni/net.d
              - name: flannel-cfg
                mountPath: /etc/kube-flannel/
            containers:
            - name: kube-flannel
              image: @FLANNEL_IMAGE@
              command:
              - /opt/bin/flanneld
              args:
              - --ip-masq
              - --kube-subnet-mgr
              - --healthz-port=8081
              ports:
              - name: healthz
                containerPort: 8081
                protocol: TCP
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: healthz
                initialDelaySeconds: 10
                periodSeconds: 30
              readinessProbe:
                httpGet:
                  path: /readyz
                  port: healthz
                initialDelaySeconds: 5
                periodSeconds: 10
              resources:
                requests:
                  cpu: "100m"
                  memory: "50Mi"
              securityContext:
                privileged: false
                capabilities:
                  add: ["NET_ADMIN", "NET_RAW"]
              env:
              - name: POD_NAME
                valueFrom:
                  fieldRef:
                    fieldPath: metadata.name
              - name: POD_NAMESPACE
                valueFrom:
                  fieldRef:
                    fieldPath: metadata.namespace
              - name: EVENT_QUEUE_DEPTH
                value: "5000"
              - name: CONT_WHEN_CACHE_NOT_READY
                value: "false"
              volumeMounts:
              - name: run
                mountPath: /run/flannel
              - name: flannel-cfg
                mountPath: /etc/kube-flannel/
              - name: xtables-lock
                mountPath: /run/xtables.lock
            volumes:
            - name: run
              hostPath:
                path: /run/flannel
            - name: cni-plugin
              hostPath:
                path: /opt/cni/bin
            - name: cni
              hostPath:
                path: /etc/cni/net.d
            - name: flannel-cfg
              configMap:
                name: kube-flannel-cfg
            - name: xtables-lock
              hostPath:
                path: /run/xtables.lock
                type: FileOrCreate
      """;
}
