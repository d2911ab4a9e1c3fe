package dev.todo.operator.bench;

/**
 * Runs a benchmark and ends its JVM either way: the mock API server's and the informers' threads would
 * keep it alive, after a failure too (a failed run once stayed behind for half an hour, loading the machine).
 */
final class BenchmarkExit {
  interface Body {
    void run() throws Exception;
  }

  private BenchmarkExit() {
  }

  static void after(Body body) {
    try {
      body.run();
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }
}
