package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the one builder of kubeha's connection options makes of each setting, no server needed. */
class TemporalServiceOptionsTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void withoutSettingsItIsPlaintextToTheAddress() {
    WorkflowServiceStubsOptions options =
        TemporalServiceOptions.of("127.0.0.1:7233", TemporalSecurity.NONE);
    assertEquals("127.0.0.1:7233", options.getTarget());
    assertNull(options.getSslContext());
    assertTrue(
        options.getGrpcMetadataProviders() == null || options.getGrpcMetadataProviders().isEmpty(),
        "metadata sent without an API key");
  }

  /** Temporal Cloud's API key: TLS with the system's roots, and a bearer token on every call. */
  @Test
  void anApiKeyTurnsTlsOnAndIsSentAsABearerToken() {
    WorkflowServiceStubsOptions options =
        TemporalServiceOptions.of(
            "ns.acct.tmprl.cloud:7233", new TemporalSecurity(false, null, null, null, null, "k3y"));
    assertNotNull(options.getSslContext(), "no TLS with an API key");
    List<String> tokens =
        options.getGrpcMetadataProviders().stream()
            .map(p -> p.getMetadata().get(AUTHORIZATION))
            .toList();
    assertEquals(List.of("Bearer k3y"), tokens);
  }

  @Test
  void aServerNameSetsTheChannelsAuthority() {
    WorkflowServiceStubsOptions options =
        TemporalServiceOptions.of(
            "10.0.0.5:7233",
            new TemporalSecurity(true, null, null, null, "temporal.internal", null));
    assertNotNull(options.getSslContext());
    assertNotNull(options.getChannelInitializer(), "the server name is not applied");
  }
}
