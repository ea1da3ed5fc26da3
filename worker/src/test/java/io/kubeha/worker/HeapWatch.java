package io.kubeha.worker;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM (worker and benchmark in one) over a run: the most used at once, sampled
 * every 50 ms; the most used right after a collection (what the run holds, with what the collector
 * left for later), as a GC log shows it; the limit (-Xmx) and the time spent collecting.
 */
final class HeapWatch implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 50;

  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  // A collection's report covers every memory pool; the heap is these.
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final long gcMillisBefore = gcMillis();
  private final NotificationListener afterGc = this::collected;
  private final Thread sampler;
  private volatile boolean stop;
  private volatile long maxUsed;
  private volatile long maxAfterGc;

  HeapWatch() {
    collectors.forEach(c -> ((NotificationEmitter) c).addNotificationListener(afterGc, null, null));
    sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void collected(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    long used =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
            .getGcInfo()
            .getMemoryUsageAfterGc()
            .entrySet()
            .stream()
            .filter(e -> heapPools.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed())
            .sum();
    maxAfterGc = Math.max(maxAfterGc, used);
  }

  private void sample() {
    while (!stop) {
      maxUsed =
          Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
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
    for (GarbageCollectorMXBean c : collectors) {
      try {
        ((NotificationEmitter) c).removeNotificationListener(afterGc);
      } catch (ListenerNotFoundException e) {
        // Never added: nothing to remove.
      }
    }
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

  private long gcMillis() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }
}
