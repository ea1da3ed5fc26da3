package io.kubeha.worker;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The heap of this JVM (worker and test in one) over a run: the most used at once, sampled every 50
 * ms, the most left after a collection (what the run kept alive), the limit (-Xmx) and the time
 * spent collecting.
 */
final class HeapWatch implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 50;

  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final long gcMillisBefore = gcMillis();
  private final Thread sampler;
  private volatile boolean stop;
  private volatile long maxUsed;
  private volatile long maxAfterGc;

  HeapWatch() {
    sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (!stop) {
      maxUsed =
          Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      long afterGc =
          pools.stream()
              .map(MemoryPoolMXBean::getCollectionUsage)
              .filter(u -> u != null)
              .mapToLong(MemoryUsage::getUsed)
              .sum();
      maxAfterGc = Math.max(maxAfterGc, afterGc);
      try {
        Thread.sleep(SAMPLE_MILLIS); // a sampling period, not a synchronisation
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    sampler.interrupt();
    sampler.join();
  }

  /** "heap-max-mb M heap-peak-mb P heap-after-gc-mb L gc-s G". */
  String summary() {
    return String.format(
        "heap-max-mb %d heap-peak-mb %d heap-after-gc-mb %d gc-s %.1f",
        Runtime.getRuntime().maxMemory() >> 20,
        maxUsed >> 20,
        maxAfterGc >> 20,
        (gcMillis() - gcMillisBefore) / 1e3);
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }
}
