import java.sql.*;
import java.time.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** Bare JDBC claim INSERTs + confirm UPDATEs into an in-memory H2 table shaped like webhook_received, 10 threads (Hikari's default pool), autocommit. */
public class H2ClaimFloor {
  public static void main(String[] a) throws Exception {
    String url = "jdbc:h2:mem:floor;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE received (source VARCHAR(100) NOT NULL, message_id VARCHAR(255) NOT NULL, status VARCHAR(16) NOT NULL, received_at TIMESTAMP WITH TIME ZONE NOT NULL, claimed_at TIMESTAMP WITH TIME ZONE NOT NULL, handled_at TIMESTAMP WITH TIME ZONE, event_type VARCHAR(255), signed_at TIMESTAMP WITH TIME ZONE, headers CLOB, body BLOB, PRIMARY KEY (source, message_id))");
      s.execute("CREATE INDEX r1 ON received (received_at)");
      s.execute("CREATE INDEX r2 ON received (status, claimed_at)");
    }
    boolean confirm = a.length > 0 && a[0].equals("confirm");
    int threads = 10; int seconds = Integer.parseInt(a.length > 1 ? a[1] : "10");
    for (int round = 0; round < 3; round++) {
      AtomicLong count = new AtomicLong(); AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(threads); final int r = round;
      for (int t = 0; t < threads; t++) { final int tt = t; pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement ins = c.prepareStatement("INSERT INTO received (source, message_id, status, received_at, claimed_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE received SET status = ?, handled_at = ?, headers = NULL, body = NULL WHERE source = ? AND message_id = ?")) {
          long i = 0;
          while (!stop.get()) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String id = "msg_" + r + "_" + tt + "_" + (i++);
            ins.setString(1, "bench"); ins.setString(2, id); ins.setString(3, "PROCESSING"); ins.setObject(4, now); ins.setObject(5, now); ins.executeUpdate();
            if (confirm) { upd.setString(1, "HANDLED"); upd.setObject(2, now); upd.setString(3, "bench"); upd.setString(4, id); upd.executeUpdate(); }
            count.incrementAndGet();
          }
        } catch (Exception e) { e.printStackTrace(); }
        return null; }); }
      Thread.sleep(seconds * 1000L); stop.set(true); pool.shutdown(); pool.awaitTermination(10, TimeUnit.SECONDS);
      System.out.printf("H2 in memory, 10 threads, %s: %d per second%n", confirm ? "claim INSERT + confirm UPDATE" : "claim INSERT only", count.get() / seconds);
    }
  }
}
