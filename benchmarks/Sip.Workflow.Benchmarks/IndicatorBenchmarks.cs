using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// Does a month's indicator report stay cheap as the region's case count grows? The SQLite store holds the indicator
/// projection of many cases opened over two years; a report for one month (brought up to date with the feed, summed,
/// suppressed) against the raw read of that month's sums. Compare the rows of the two sizes: the report's cost should
/// stay within the same order, since it reads sums by month, not cases.
/// </summary>
/// <remarks>
/// The projection is written straight through <see cref="ISipIndicatorStore"/> (the rows a case of each kind makes), built
/// once per size and kept in the temp folder; set SIP_BENCH_SCALE to a comma-separated list of sizes (CI's dry run uses
/// small ones).
/// </remarks>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Months = 24;
    private static readonly SipYearMonth FirstMonth = new(2024, 3);
    private static readonly SipYearMonth ReportMonth = new(2026, 1);
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 8, 0, 0, TimeSpan.Zero);
    private string _path = string.Empty;
    private SqliteSipCaseStore _store = null!;
    private SipIndicators _indicators = null!;
    private SqliteConnection _raw = null!;

    [ParamsSource(nameof(Sizes))]
    public int CaseCount { get; set; }

    public static IEnumerable<int> Sizes() => BenchData.ScaleSizes("100000,1000000");

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "sip-workflow-benchmarks", $"indicators-{CaseCount}.db");
        if (!BenchData.IsCachedAndCurrent(_path))
        {
            Build(_path, CaseCount);
        }

        _store = new SqliteSipCaseStore(_path);
        _indicators = new SipIndicators(_store, _store, [SipPolicy.NationalGuidance], timeProvider: new FixedClock(Now));
        _raw = new SqliteConnection($"Data Source={_path};Mode=ReadOnly");
        _raw.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _store.Dispose();
    }

    /// <summary>Raw baseline: the month's sums read as they are stored, nothing summed or checked.</summary>
    [Benchmark(Baseline = true)]
    public long Raw_MonthSums()
    {
        using var select = _raw.CreateCommand();
        select.CommandText = "SELECT month, metric, value, principal, unit, policy, origin, count FROM sip_indicator_cells WHERE month >= $m AND month <= $m;";
        select.Parameters.AddWithValue("$m", ReportMonth.ToString());
        using var reader = select.ExecuteReader();
        long total = 0;
        while (reader.Read())
        {
            total += reader.GetInt64(7) + reader.GetString(1).Length + reader.GetString(4).Length;
        }

        return total;
    }

    /// <summary>A month's report for one unit's cases: the feed checked, sums and overdue deadlines read, summed, suppressed.</summary>
    [Benchmark]
    public async Task<int> Indicators_Month()
        => (await _indicators.GetIndicatorsAsync(SipIndicatorPeriod.Month(ReportMonth), new SipIndicatorFilter { Unit = "unit-3" })).Indicators.Count;

    /// <summary>A month's report for the whole region.</summary>
    [Benchmark]
    public async Task<int> Indicators_Month_Region()
        => (await _indicators.GetIndicatorsAsync(SipIndicatorPeriod.Month(ReportMonth))).Indicators.Count;

    /// <summary>
    /// Writes the projection of <paramref name="count"/> cases opened evenly over two years: each case's row (what it adds,
    /// its open deadlines for the newest cases), and the sums of them all, in steps of 1,000 cases.
    /// </summary>
    private static void Build(string path, int count)
    {
        BenchData.Delete(path);
        File.Delete(path + ".complete");
        using (var store = new SqliteSipCaseStore(path))
        {
            var random = new Random(18);
            long position = 0;
            for (var start = 0; start < count; start += 1000)
            {
                var rows = Enumerable.Range(start, Math.Min(1000, count - start)).Select(i => Case(i, count, random)).ToList();
                var change = new SipIndicatorChange { ExpectedPosition = position, Position = position, Upserts = rows, CellDeltas = SipIndicators.Sum(rows) };
                store.SaveIndicatorsAsync(change).GetAwaiter().GetResult();
            }
        }

        BenchData.MarkCached(path);
    }

    private static SipIndicatorCaseRow Case(int i, int count, Random random)
    {
        var month = (int)((long)i * Months / count);
        var opened = new DateTimeOffset(FirstMonth.Year, FirstMonth.Month, 1, 8, 0, 0, TimeSpan.Zero).AddMonths(month).AddHours(random.Next(0, 27 * 24));
        var facts = new List<(DateTimeOffset At, string Metric, long Value)> { (opened, SipIndicatorNames.CasesOpened, 0) };
        var at = opened;
        void Step(string metric, double meanHours)
        {
            var hours = -Math.Log(1 - random.NextDouble()) * meanHours;
            var next = at.AddHours(hours);
            facts.Add((next, metric, SipIndicatorRules.Bucket(next - at)));
            at = next;
        }

        if (random.NextDouble() < 0.85)
        {
            Step(SipIndicatorNames.NeedIdentifiedToConsent, 48);
            Step(SipIndicatorNames.ConsentToSummons, 72);
            Step(SipIndicatorNames.SummonsToFirstMeeting, 240);
            if (random.NextDouble() < 0.9)
            {
                Step(SipIndicatorNames.FirstMeetingToPlan, 4);
                facts.Add((at, SipIndicatorNames.NeedIdentifiedToPlan, SipIndicatorRules.Bucket(at - opened)));
                facts.Add((at, SipIndicatorNames.PlansEstablished, 0));
                foreach (var share in new[] { SipIndicatorNames.PlansWithFollowUpBooked, SipIndicatorNames.PlansWithLeadPrincipal, SipIndicatorNames.PlansWithCoordinator, SipIndicatorNames.PlansWithIndividualTakingPart, SipIndicatorNames.PlansWithKinTakingPart })
                {
                    facts.Add((at, share, random.Next(-1, 2)));
                }
            }
        }

        if (random.NextDouble() < 0.1)
        {
            facts.Add((at, SipIndicatorNames.Deviations, random.Next(1, 6)));
        }

        var recent = month >= Months - 2;
        if (!recent)
        {
            facts.Add((at.AddDays(90), SipIndicatorNames.Closed, random.Next(1, 10)));
        }

        return new SipIndicatorCaseRow
        {
            CaseId = new SipCaseId(new Guid(i, 0x1818, 0x4b1e, 0, 0, 0, 0, 0, 0, 0, 2)),
            Dimensions = new SipIndicatorDimensions(i % 3 == 0 ? "Municipality" : "Region", $"unit-{i % 12}", i % 5 == 0 ? "Region Halland" : "Nationell vägledning", ((OriginKind)(1 + (i % 4))).ToString()),
            Contributions = [.. facts.GroupBy(f => (SipYearMonth.Of(SipLegalReferences.SwedishDateOf(f.At)), f.Metric, f.Value))
                .Select(g => new SipIndicatorContribution(g.Key.Item1, g.Key.Metric, g.Key.Value, g.Count()))],
            Deadlines = recent ? [new SipIndicatorDeadline(SipRequirements.DeadlineFollowUp.Code, opened.AddDays(60))] : [],
        };
    }
}
