package io.bayestune.driver.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsCsvTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType).add("kernel", DataTypes.StringType).add("x", DataTypes.DoubleType)
      .add("value", DataTypes.DoubleType).add("status", DataTypes.StringType).add("error", DataTypes.StringType);

  @TempDir
  Path dir;

  @Test
  void headerThenOneLinePerRowWithNullsEmpty() {
    List<Row> rows = List.of(
        RowFactory.create(1L, "rbf", 0.25, 0.8, "completed", null),
        RowFactory.create(2L, "linear", 1.0E-5, null, "failed", "diverged"));
    assertEquals("id,kernel,x,value,status,error\n"
        + "1,rbf,0.25,0.8,completed,\n"
        + "2,linear,1.0E-5,,failed,diverged\n", TrialsCsv.render(SCHEMA, rows));
  }

  @Test
  void quotesFieldsWithCommasQuotesAndLineBreaks() {
    List<Row> rows = List.of(RowFactory.create(3L, "a,b", 0.5, null, "failed",
        "Param \"maxDepth\" given invalid value 31\nat line 2"));
    assertEquals("id,kernel,x,value,status,error\n"
        + "3,\"a,b\",0.5,,failed,\"Param \"\"maxDepth\"\" given invalid value 31\nat line 2\"\n",
        TrialsCsv.render(SCHEMA, rows));
  }

  @Test
  void replacesTheDirectoryOfPartFilesAnEarlierVersionLeft() throws Exception {
    Path csv = dir.resolve("trials.csv");
    Files.createDirectories(csv);
    Files.writeString(csv.resolve("part-00000.csv"), "id\n1\n");
    TrialsCsv.write(new Configuration(), csv.toUri().toString(), "id\n1\n2\n");
    assertTrue(Files.isRegularFile(csv), "trials.csv is one file now");
    assertEquals("id\n1\n2\n", Files.readString(csv));
  }
}
