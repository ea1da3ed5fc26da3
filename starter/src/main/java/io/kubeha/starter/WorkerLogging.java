package io.kubeha.starter;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Switches logging from the CLI's quiet stderr to the worker's INFO lines on stdout
 * (logback-worker.xml).
 */
final class WorkerLogging {
  private WorkerLogging() {}

  static void configure() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(WorkerLogging.class.getResource("/logback-worker.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException(
          "cannot configure the worker's logging: " + e.getMessage(), e);
    }
  }
}
