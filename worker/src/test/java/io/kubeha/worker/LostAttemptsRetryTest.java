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
    Refused r = alwaysRefused(Status.UNAVAILABLE, Duration.ofSeconds(10));
    assertEquals(Status.Code.UNAVAILABLE, r.failure().getStatus().getCode());
    // 0.25 + 0.5 + 1 + 2 + 2 + 2 + 2 + 2 = 11.75 s: stopped at the first pause past 10 s.
    assertEquals(List.of(250L, 500L, 1000L, 2000L, 2000L, 2000L, 2000L, 2000L), r.pauses());
    assertEquals(9, r.tries());
  }

  @Test
  void anAnswerThatIsNoOutageIsNotTriedAgain() {
    Refused r = alwaysRefused(Status.PERMISSION_DENIED, Duration.ofMinutes(1));
    assertEquals(Status.Code.PERMISSION_DENIED, r.failure().getStatus().getCode());
    assertEquals(1, r.tries());
    assertEquals(List.of(), r.pauses());
  }

  /** A look-up refused with status every time: what untilAnswered threw, tried and paused. */
  private record Refused(StatusRuntimeException failure, int tries, List<Long> pauses) {}

  private static Refused alwaysRefused(Status status, Duration giveUpAfter) {
    AtomicInteger tries = new AtomicInteger();
    List<Long> pauses = new ArrayList<>();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                LostAttempts.untilAnswered(
                    () -> {
                      tries.incrementAndGet();
                      throw new StatusRuntimeException(status);
                    },
                    giveUpAfter,
                    pauses::add));
    return new Refused(e, tries.get(), pauses);
  }
}
