package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The take-back keeps asking a server that does not answer yet, then gives up. */
class LostAttemptsRetryTest {

  @Test
  void aServerThatAnswersOnTheThirdTryGetsAskedThreeTimes() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    List<Long> pauses = new ArrayList<>();
    int found =
        LostAttempts.untilAnswered(
            () -> {
              if (tries.incrementAndGet() < 3) {
                throw new StatusRuntimeException(Status.UNAVAILABLE);
              }
              return 2;
            },
            Duration.ofMinutes(1),
            pauses::add);
    assertEquals(2, found);
    assertEquals(3, tries.get());
    assertEquals(List.of(250L, 500L), pauses);
  }

  @Test
  void aServerThatNeverAnswersEndsTheLookAfterTheDeadlineWithItsFailure() {
    AtomicInteger tries = new AtomicInteger();
    List<Long> pauses = new ArrayList<>();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                LostAttempts.untilAnswered(
                    () -> {
                      tries.incrementAndGet();
                      throw new StatusRuntimeException(Status.UNAVAILABLE);
                    },
                    Duration.ofSeconds(10),
                    pauses::add));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    // 0.25 + 0.5 + 1 + 2 + 2 + 2 + 2 + 2 = 11.75 s: stopped at the first pause past 10 s.
    assertEquals(List.of(250L, 500L, 1000L, 2000L, 2000L, 2000L, 2000L, 2000L), pauses);
    assertEquals(9, tries.get());
  }

  @Test
  void anAnswerThatIsNoOutageIsNotTriedAgain() {
    AtomicInteger tries = new AtomicInteger();
    List<Long> pauses = new ArrayList<>();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                LostAttempts.untilAnswered(
                    () -> {
                      tries.incrementAndGet();
                      throw new StatusRuntimeException(Status.PERMISSION_DENIED);
                    },
                    Duration.ofMinutes(1),
                    pauses::add));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals(1, tries.get());
    assertEquals(List.of(), pauses);
  }
}
