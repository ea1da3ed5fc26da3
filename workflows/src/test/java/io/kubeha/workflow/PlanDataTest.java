package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer;
import org.junit.jupiter.api.Test;

/** The plan as a bring-up receives it: the same plan, each distinct step once. */
class PlanDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesOutToTheRenderedPlan() {
    Plan plan = PlanRenderer.render(TestInventories.ha(3));
    assertEquals(plan, PlanData.of(plan).plan());
  }

  @Test
  void survivesJsonAsTemporalCarriesIt() throws Exception {
    Plan plan = PlanRenderer.render(TestInventories.ha(3));
    PlanData data = PlanData.of(plan);
    PlanData read = JSON.readValue(JSON.writeValueAsBytes(data), PlanData.class);
    assertEquals(plan, read.plan());
  }

  /**
   * Temporal refuses a payload over 2 MB; 500 hosts' plan written out per host is several times
   * that (every host's /etc/hosts block lists all 500).
   */
  @Test
  void fiveHundredHostsFitOneActivityResult() throws Exception {
    Plan plan = PlanRenderer.render(TestInventories.scaled(500, 10));
    int perHost = JSON.writeValueAsBytes(plan).length;
    int data = JSON.writeValueAsBytes(PlanData.of(plan)).length;
    System.out.printf("plan of 500 hosts: %d bytes per host, %d as data%n", perHost, data);
    assertTrue(data < 1_000_000, "500 hosts' plan data is " + data + " bytes");
  }

  /** The bring-up's first activity returns it: a thousand hosts' plan stays under 2 MB too. */
  @Test
  void aThousandHostsFitOneActivityResult() throws Exception {
    int data =
        JSON.writeValueAsBytes(PlanData.of(PlanRenderer.render(TestInventories.scaled(1000, 10))))
            .length;
    System.out.printf("plan of 1000 hosts: %d bytes as data%n", data);
    assertTrue(data < 2_000_000, "1000 hosts' plan data is " + data + " bytes");
  }
}
