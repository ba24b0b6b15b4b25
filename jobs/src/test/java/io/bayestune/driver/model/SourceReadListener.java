package io.bayestune.driver.model;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.RDDInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sums Spark's task input metrics ({@code inputMetrics().bytesRead / recordsRead}), split into reads
 * of the source and everything else. Spark counts reads of cached blocks as input too (RDD.getOrCompute
 * adds the block's size), so a task counts as a source read only when its stage scans files
 * ({@code FileScanRDD}) and no RDD in its lineage was already cached by an earlier stage.
 */
final class SourceReadListener extends SparkListener {
  final AtomicLong sourceBytes = new AtomicLong();
  final AtomicLong sourceRecords = new AtomicLong();
  final AtomicLong allBytes = new AtomicLong();
  private final Set<Integer> cachedRdds = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Boolean> readsSource = new ConcurrentHashMap<>();

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    boolean scansFiles = false;
    boolean readsCache = false;
    for (RDDInfo rdd : CollectionConverters.asJava(event.stageInfo().rddInfos())) {
      scansFiles |= rdd.name().contains("FileScanRDD");
      readsCache |= rdd.storageLevel().isValid() && cachedRdds.contains(rdd.id());
    }
    readsSource.put(event.stageInfo().stageId(), scansFiles && !readsCache);
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo stage = event.stageInfo();
    if (stage.failureReason().isEmpty()) {
      for (RDDInfo rdd : CollectionConverters.asJava(stage.rddInfos())) {
        if (rdd.storageLevel().isValid()) {
          cachedRdds.add(rdd.id());
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    TaskMetrics m = event.taskMetrics();
    if (m == null) {
      return;
    }
    allBytes.addAndGet(m.inputMetrics().bytesRead());
    if (readsSource.getOrDefault(event.stageId(), false)) {
      sourceBytes.addAndGet(m.inputMetrics().bytesRead());
      sourceRecords.addAndGet(m.inputMetrics().recordsRead());
    }
  }
}
