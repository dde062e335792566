package io.fleetpulse.bench;

import io.fleetpulse.collector.parse.ExpositionFormat;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.ExpositionParser;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.MetricFamily;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-threaded parse of each engine's /metrics body, as the collector does once per target and
 * scrape: the four engines in text 0.0.4 ({@code .prom}) and vLLM in OpenMetrics ({@code .om}),
 * each with the parser its format calls for. Besides parses per second, JMH reports {@code
 * megabytes}: the same rate in MB/s (10^6 bytes), the figure the parser's speed goal is stated in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExpositionParserBenchmark {

  @Param({"vllm.prom", "tgi.prom", "llamacpp.prom", "sglang.prom", "vllm.om"})
  public String fixture;

  private ExpositionParser parser;
  private byte[] body;

  @Setup
  public void load() {
    body = EngineFixture.read(fixture);
    parser = Parsers.forFormat(ExpositionFormat.detect(body));
  }

  @Benchmark
  public List<MetricFamily> parse(BytesParsed bytes) throws ExpositionParseException {
    bytes.megabytes += body.length / 1e6;
    return parser.parse(body);
  }

  /** Counts the bytes parsed; JMH divides by the time, so it is reported as MB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class BytesParsed {

    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }
}
